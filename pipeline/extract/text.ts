import { walk } from "./dom.ts";

/**
 * Turns a DOM subtree into plain text that keeps paragraph structure: block elements end a paragraph, `<br>` ends a
 * line, whitespace inside a paragraph collapses to single spaces, and paragraphs are joined by a blank line.
 */

/** Elements after which a new paragraph starts. */
export const BLOCK_TAGS = new Set([
  "ADDRESS",
  "ARTICLE",
  "ASIDE",
  "BLOCKQUOTE",
  "DD",
  "DETAILS",
  "DIV",
  "DL",
  "DT",
  "FIELDSET",
  "FIGCAPTION",
  "FIGURE",
  "FOOTER",
  "FORM",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "MAIN",
  "NAV",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "TABLE",
  "TR",
  "UL",
  "BODY",
  "CENTER",
  "SUMMARY",
  "CAPTION",
  "THEAD",
  "TBODY",
  "TFOOT",
]);

/** Table cells are separated by a space within their row. */
const CELL_TAGS = new Set(["TD", "TH"]);
const SKIP_TAGS = new Set([
  "SCRIPT",
  "STYLE",
  "NOSCRIPT",
  "TEMPLATE",
  "SVG",
  "svg",
  "HEAD",
  "TITLE",
  "BUTTON",
  "SELECT",
  "OPTION",
]);

// Zero-width characters as alternatives, not in a class: U+200D in a class is "misleading" (it joins emoji).
const SPACES = /(?:\s|\u200b|\u200c|\u200d|\u2060|\ufeff)+/g;
const LINE_BREAK = "\u0001";

/** Collapses whitespace (including non-breaking and zero-width spaces) within one paragraph. */
export function normaliseSpaces(text: string): string {
  return text.replace(SPACES, " ").trim();
}

/** A paragraph's lines (from `<br>`) normalised one by one and joined by "\n". */
function paragraphText(raw: string): string {
  if (!raw.includes(LINE_BREAK)) return normaliseSpaces(raw);
  return raw
    .split(LINE_BREAK)
    .map(normaliseSpaces)
    .filter((line) => line.length > 0)
    .join("\n");
}

/**
 * Plain text of a subtree: paragraphs separated by "\n\n". Iterative walk, so deeply nested markup cannot overflow
 * the stack.
 */
export function blockText(root: Node): string {
  const paragraphs: string[] = [];
  let current = "";
  const flush = () => {
    const p = paragraphText(current);
    if (p) paragraphs.push(p);
    current = "";
  };
  walk(
    root,
    (node) => {
      const type = node.nodeType;
      if (type === 3) {
        current += node.nodeValue ?? "";
        return false;
      }
      if (type !== 1 && type !== 9 && type !== 11) return false;
      const tag = (node as Element).tagName ?? "";
      if (SKIP_TAGS.has(tag)) return false;
      if (tag === "BR") {
        // A line break inside a paragraph stays a line break; two in a row (spaces between) end the paragraph.
        if (current.trimEnd().endsWith(LINE_BREAK)) flush();
        else current += LINE_BREAK;
        return false;
      }
      if (BLOCK_TAGS.has(tag)) flush();
      return true;
    },
    (node) => {
      const tag = (node as Element).tagName ?? "";
      if (BLOCK_TAGS.has(tag)) flush();
      else if (CELL_TAGS.has(tag)) current += " ";
    },
  );
  flush();
  return paragraphs.join("\n\n");
}

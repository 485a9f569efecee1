import { dropFurniture } from "./lines.ts";
import { normaliseSpaces } from "./text.ts";

/**
 * Recovery paths when readability finds nothing (or is too expensive for the input): the page's substantial
 * paragraphs, from the cleaned DOM or, when the DOM itself is unusable, straight from the markup string.
 */

/** A paragraph shorter than this is a label, caption or link, not prose. */
export const MIN_PARAGRAPH_CHARS = 60;
/** Cap on the paragraphs a fallback returns (a page of comments or listings must not become a 10 MB "article"). */
export const MAX_PARAGRAPHS = 400;

/** Substantial `<p>`-like blocks of a cleaned document, in document order. */
export function paragraphsFromDom(root: ParentNode): string {
  const out: string[] = [];
  for (const el of root.querySelectorAll("p, pre, blockquote, li")) {
    if (out.length >= MAX_PARAGRAPHS) break;
    if (el.querySelector("p")) continue;
    const text = normaliseSpaces(el.textContent ?? "");
    if (text.length >= MIN_PARAGRAPH_CHARS) out.push(text);
  }
  return dropFurniture(out.join("\n\n"));
}

const P_BLOCK = /<p\b[^>]*>([\s\S]*?)(?=<\/p\s*>|<p\b|<\/div|<\/article|<\/section|<\/td)/gi;
const TAGS = /<[^>]*>/g;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Paragraph text straight from markup, without a DOM (for inputs too big or too deep to parse in time). */
export function paragraphsFromMarkup(html: string): string {
  const out: string[] = [];
  for (const m of html.matchAll(P_BLOCK)) {
    if (out.length >= MAX_PARAGRAPHS) break;
    const text = normaliseSpaces(decodeEntities((m[1] ?? "").replace(TAGS, " ")));
    if (text.length >= MIN_PARAGRAPH_CHARS) out.push(text);
  }
  return dropFurniture(out.join("\n\n"));
}

const HEAD = /<head\b[\s\S]*?<\/head\s*>/i;
const H1 = /<h1\b[\s\S]*?<\/h1\s*>/i;
/** Head markup kept for metadata when a huge page is reduced. */
export const MAX_HEAD_CHARS = 200_000;

/**
 * A huge page reduced to what extraction needs: its `<head>` (metadata), its first `<h1>` and its substantial
 * paragraphs, found with linear regexps instead of a full parse. Keeps a 10 MB page within the time budget.
 */
export function reduceLargeHtml(html: string): string {
  const head = HEAD.exec(html.slice(0, MAX_HEAD_CHARS))?.[0] ?? "";
  const h1 = H1.exec(html)?.[0] ?? "";
  const blocks: string[] = [];
  for (const m of html.matchAll(P_BLOCK)) {
    if (blocks.length >= MAX_PARAGRAPHS) break;
    const inner = m[1] ?? "";
    if (normaliseSpaces(inner.replace(TAGS, " ")).length >= MIN_PARAGRAPH_CHARS) blocks.push(`<p>${inner}</p>`);
  }
  return `<html>${head}<body><article>${h1}${blocks.join("")}</article></body></html>`;
}

/**
 * Cheap string-level preparation before the HTML is parsed: JSON-LD blocks are kept aside (they carry the best
 * metadata), then scripts, styles, SVG, noscript, templates and comments are cut. Parsing is the single biggest cost
 * of extraction and these blocks are often half of a news page's bytes, so cutting them first roughly halves it.
 */

/** Inputs longer than this (characters) are cut before parsing; a news article never needs more. */
export const MAX_HTML_CHARS = 40_000_000;

const JSON_LD_BLOCK = /<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
const DROPPED_BLOCKS = /<(script|style|svg|noscript|template|iframe|object)\b[\s\S]*?<\/\1\s*>/gi;
const COMMENTS = /<!--[\s\S]*?(?:-->|$)/g;
/** Unclosed leftovers of the blocks above (a `<script>` that never ends would swallow the page in the parser). */
const UNCLOSED_SCRIPT = /<(script|style)\b[^>]*>/gi;
const HTML_TAG = /<html[\s>]/i;
const BODY_TAG = /<body[\s>]/i;

/**
 * Attributes extraction reads (class/id/role for boilerplate rules, meta and link fields, microdata, dates, links).
 * Every other attribute (srcset, data-*, event handlers, inline styles…) is cut: in linkedom each attribute is a node,
 * and dropping them saves about a third of the parse time. An inline style that hides the element becomes `hidden`.
 */
export const KEPT_ATTRIBUTES = new Set([
  "class",
  "id",
  "role",
  "hidden",
  "aria-hidden",
  "href",
  "content",
  "property",
  "name",
  "http-equiv",
  "charset",
  "rel",
  "itemprop",
  "itemtype",
  "itemscope",
  "datetime",
  "lang",
  "type",
  "colspan",
  "rowspan",
]);
const START_TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;
const HIDING_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

function keepAttributes(whole: string, tag: string, attributes: string | undefined, slash: string): string {
  if (!attributes) return whole;
  let kept = "";
  for (const m of attributes.matchAll(ATTRIBUTE)) {
    const name = (m[1] ?? "").toLowerCase();
    if (KEPT_ATTRIBUTES.has(name)) kept += ` ${m[0]}`;
    else if (name === "style" && m[2] && HIDING_STYLE.test(m[2])) kept += " hidden";
  }
  return `<${tag}${kept}${slash}>`;
}

/**
 * Whitespace next to block-level tags only separates blocks, yet each run would become a text node; removing it cuts
 * a large share of a pretty-printed page's nodes. Whitespace around inline tags is kept (it separates words).
 */
const BLOCK_NAMES =
  "html|head|body|div|p|ul|ol|li|dl|dt|dd|section|article|aside|nav|header|footer|main|table|thead|tbody|tfoot|tr|td|th|h[1-6]|figure|figcaption|form|meta|link|title|blockquote|hr|br|option|select";
const SPACE_BEFORE_BLOCK = new RegExp(String.raw`>\s+(?=<\/?(?:${BLOCK_NAMES})[\s/>])`, "gi");
const SPACE_AFTER_BLOCK = new RegExp(String.raw`(<\/?(?:${BLOCK_NAMES})(?:\s[^<>]*)?>)\s+<`, "gi");

export interface PreparedHtml {
  html: string;
  /** Raw text of every `application/ld+json` block, in document order. */
  jsonLd: string[];
  /** True when the input was longer than MAX_HTML_CHARS and was cut. */
  truncated: boolean;
}

/** Extracts JSON-LD blocks and removes markup that never holds article text. */
export function prepareHtml(input: string, maxChars = MAX_HTML_CHARS): PreparedHtml {
  let html = input;
  let truncated = false;
  if (html.length > maxChars) {
    html = html.slice(0, maxChars);
    truncated = true;
  }
  const jsonLd: string[] = [];
  // indexOf guards keep the regexps off pages that have none of these blocks.
  if (html.includes("ld+json")) {
    for (const match of html.matchAll(JSON_LD_BLOCK)) if (match[1]) jsonLd.push(match[1]);
  }
  if (html.includes("<!--")) html = html.replace(COMMENTS, "");
  html = html.replace(DROPPED_BLOCKS, " ");
  html = html.replace(UNCLOSED_SCRIPT, " ");
  html = html.replace(START_TAG, keepAttributes);
  html = html.replace(SPACE_BEFORE_BLOCK, ">").replace(SPACE_AFTER_BLOCK, "$1<");
  // linkedom makes the first element the document element when <html> is missing (a fragment's <title>, say), so
  // fragments get the skeleton a browser would infer.
  if (!HTML_TAG.test(html)) html = BODY_TAG.test(html) ? `<html>${html}</html>` : `<html><body>${html}</body></html>`;
  return { html, jsonLd, truncated };
}

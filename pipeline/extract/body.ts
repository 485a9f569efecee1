import { Readability } from "@mozilla/readability";
import { removeBoilerplate, selectAll } from "./clean.ts";
import { byTag, deeperThan } from "./dom.ts";
import { dropFurniture } from "./lines.ts";
import { blockText } from "./text.ts";

/**
 * Main-text selection: a registry body selector when the outlet has one, else readability (run on the page after the
 * general boilerplate rules), else a fallback that keeps the page's substantial paragraphs.
 */

/** Readability gives up (and retries with looser flags) below this many characters. */
export const READABILITY_CHAR_THRESHOLD = 500;

/**
 * Fast path: when one element directly holds most of the page's paragraph text (the usual article template), it is
 * the body and readability's scoring passes are skipped. Shares and sizes below decide "most".
 */
export const FAST_PATH_MIN_SHARE = 0.8;
export const FAST_PATH_MIN_CHARS = 500;
export const FAST_PATH_MIN_PARAGRAPHS = 4;

/**
 * Readability's scoring walks every ancestor of every paragraph and retries up to four times on short texts, which
 * is superlinear in nesting depth (1,000 levels took 30 s). Deeper documents skip it and use the cheaper rules.
 */
export const MAX_READABILITY_DEPTH = 200;

export interface BodyOptions {
  bodySelector?: string;
  dropSelectors?: readonly string[];
}

export interface BodyResult {
  text: string;
  /** "selector", "readability" or "paragraphs". */
  source: string;
}

/** Finds the article text in a parsed document (mutates the document). */
export function findBody(document: Document, options: BodyOptions = {}): BodyResult | null {
  if (options.bodySelector) {
    const el = selectAll(document, options.bodySelector)[0];
    if (el) {
      removeBoilerplate(el, { dropSelectors: options.dropSelectors });
      const text = blockText(el);
      if (text) return { text, source: "selector" };
    }
  }
  removeBoilerplate(document, { dropSelectors: options.dropSelectors });
  const dominant = dominantParagraphParent(document);
  if (dominant) {
    const text = dropFurniture(blockText(dominant));
    if (text) return { text, source: "paragraph-parent" };
  }
  if (document.documentElement && deeperThan(document.documentElement, MAX_READABILITY_DEPTH)) return null;
  const reader = new Readability<Element>(document as never, {
    charThreshold: READABILITY_CHAR_THRESHOLD,
    disableJSONLD: true,
    serializer: (node) => node as Element,
  });
  const parsed = reader.parse();
  const content = parsed?.content;
  if (content) {
    const text = dropFurniture(blockText(content));
    if (text) return { text, source: "readability" };
  }
  return null;
}

/** The element whose direct `<p>` children hold most of the document's paragraph text, if one clearly does. */
export function dominantParagraphParent(document: Document): Element | null {
  const parents = new Map<Element, { chars: number; count: number }>();
  const grandparents = new Map<Element, { chars: number; count: number }>();
  const great = new Map<Element, { chars: number; count: number }>();
  const add = (map: Map<Element, { chars: number; count: number }>, el: Element | null, chars: number) => {
    if (!el) return;
    const s = map.get(el) ?? { chars: 0, count: 0 };
    s.chars += chars;
    s.count++;
    map.set(el, s);
  };
  let total = 0;
  for (const p of byTag(document, "p")) {
    const chars = (p.textContent ?? "").trim().length;
    if (chars === 0) continue;
    total += chars;
    add(parents, p.parentElement, chars);
    add(grandparents, p.parentElement?.parentElement ?? null, chars);
    add(great, p.parentElement?.parentElement?.parentElement ?? null, chars);
  }
  // The paragraphs' common parent first; their common grandparent when the text is split over sibling blocks.
  for (const map of [parents, grandparents, great]) {
    let best: Element | null = null;
    let top = { chars: 0, count: 0 };
    for (const [el, s] of map) {
      if (s.chars > top.chars) {
        best = el;
        top = s;
      }
    }
    if (
      best &&
      top.chars >= FAST_PATH_MIN_CHARS &&
      top.count >= FAST_PATH_MIN_PARAGRAPHS &&
      top.chars / total >= FAST_PATH_MIN_SHARE
    ) {
      return best;
    }
  }
  return null;
}

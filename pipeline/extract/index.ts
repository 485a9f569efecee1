import { parseHTML } from "linkedom";
import { errorMessage } from "../../core/errors.ts";
import type { ExtractedPage, ExtractOutcome } from "../../core/records.ts";
import type { Outlet } from "../../crawlers/registry/index.ts";
import { findBody } from "./body.ts";
import { decodeHtml } from "./charset.ts";
import { removeBoilerplate } from "./clean.ts";
import { dateFromText } from "./dates.ts";
import { paragraphsFromDom, paragraphsFromMarkup, reduceLargeHtml } from "./fallback.ts";
import { detectLanguage } from "./language.ts";
import { readMetadata } from "./meta.ts";
import { prepareHtml } from "./prepare.ts";
import { normaliseSpaces } from "./text.ts";

/**
 * `extractArticle(html, {url})`: metadata and main text of one news page. Pure and total: bad input gives
 * `{ok: false, reason}`, never an exception. Steps: decode → cut scripts/styles (keeping JSON-LD) → parse once →
 * metadata → boilerplate rules → readability → fallbacks → language → text dates.
 */

export { decodeHtml } from "./charset.ts";

/** Below this many characters of text a page has no article (teaser pages, JS shells, error pages). */
export const MIN_ARTICLE_CHARS = 120;
/** Default time budget per page; expensive passes are skipped when parsing alone used most of it. */
export const DEFAULT_TIME_BUDGET_MS = 5000;
/** Prepared markup longer than this is reduced to head, h1 and paragraphs before parsing (see reduceLargeHtml). */
export const LARGE_HTML_CHARS = 1_500_000;
/** The JSON-LD articleBody replaces the DOM text when the DOM text is shorter than this share of it. */
export const JSON_LD_BODY_PREFERRED_BELOW = 0.6;
/** Share of control characters (in the first bytes) that marks binary content served as HTML. */
export const BINARY_CONTROL_SHARE = 0.02;

const HTML_TYPES = /html|xml|text\/plain/i;

export interface ExtractOptions {
  /** URL the page was fetched from (base for relative links, URL dates). */
  url: string;
  /** HTTP Content-Type, used for the charset and to refuse non-HTML bodies. */
  contentType?: string | null;
  /** Per-outlet tweaks from the registry. */
  hints?: Outlet["extract"];
  /** Soft time bound for one page (ms). */
  timeBudgetMs?: number;
}

function looksBinary(text: string): boolean {
  const head = text.slice(0, 4096);
  if (head.length === 0) return false;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd) && c !== 27) control++;
  }
  return control / head.length > BINARY_CONTROL_SHARE;
}

function jsonLdText(body: string): string {
  return body
    .split(/\n\s*\n|\r\n\s*\r\n|\n/)
    .map(normaliseSpaces)
    .filter((p) => p.length > 0)
    .join("\n\n");
}

/** Extracts one page's article; never throws. */
export function extractArticle(html: string | Uint8Array, options: ExtractOptions): ExtractOutcome {
  try {
    return extract(html, options);
  } catch (error) {
    return { ok: false, reason: `extraction failed: ${errorMessage(error)}` };
  }
}

function extract(input: string | Uint8Array, options: ExtractOptions): ExtractOutcome {
  const started = performance.now();
  const budget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  if (options.contentType && !HTML_TYPES.test(options.contentType)) {
    return { ok: false, reason: `not HTML (content-type ${options.contentType})` };
  }
  const html = typeof input === "string" ? input : decodeHtml(input, options.contentType).text;
  if (looksBinary(html)) return { ok: false, reason: "binary content, not HTML" };
  if (!/<[a-z!]/i.test(html.slice(0, 65536))) return { ok: false, reason: "no HTML markup" };

  const prepared = prepareHtml(html);
  const large = prepared.html.length > LARGE_HTML_CHARS;
  if (large) prepared.html = reduceLargeHtml(prepared.html);
  const { document } = parseHTML(prepared.html) as unknown as { document: Document };
  const meta = readMetadata(document, prepared.jsonLd, options.url, prepared.html.includes("itemprop"));
  const provenance = { ...meta.provenance };

  let text = "";
  // A reduced large page goes through the normal rules (it is small now); a slow parse skips readability.
  const cheap = performance.now() - started > budget / 2;
  if (!cheap) {
    const body = findBody(document, {
      bodySelector: options.hints?.bodySelector,
      dropSelectors: options.hints?.dropSelectors,
    });
    if (body) {
      text = body.text;
      provenance.text = large ? "paragraphs (large page)" : body.source;
    }
  }
  if (text.length < MIN_ARTICLE_CHARS) {
    if (cheap) removeBoilerplate(document, { dropSelectors: options.hints?.dropSelectors });
    const recovered = document.body ? paragraphsFromDom(document.body) : paragraphsFromMarkup(prepared.html);
    if (recovered.length > text.length) {
      text = recovered;
      provenance.text = large ? "paragraphs (large page)" : "paragraphs";
    }
  }
  if (meta.articleBody) {
    const ldText = jsonLdText(meta.articleBody);
    if (ldText.length >= MIN_ARTICLE_CHARS && text.length < ldText.length * JSON_LD_BODY_PREFERRED_BELOW) {
      text = ldText;
      provenance.text = "json-ld";
    }
  }
  if (text.length < MIN_ARTICLE_CHARS) {
    return {
      ok: false,
      reason: text.length === 0 ? "no article text found" : `no article text found (only ${text.length} characters)`,
    };
  }

  const lang = detectLanguage(text, meta.declaredLanguage);
  if (lang.language) provenance.language = lang.source;
  let published = meta.published;
  if (!published) {
    published =
      (meta.dateText ? dateFromText(meta.dateText, lang.language) : null) ?? dateFromText(text, lang.language);
    if (published) provenance.published = "text";
  }
  const page: ExtractedPage = {
    text,
    title: meta.title,
    authors: meta.authors,
    published,
    modified: meta.modified,
    language: lang.language,
    canonical: meta.canonical,
    siteName: meta.siteName,
    section: meta.section,
    leadImage: meta.leadImage,
    provenance,
  };
  if (prepared.truncated) provenance.truncated = "input cut before parsing";
  return { ok: true, page };
}

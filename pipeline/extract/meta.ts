import { dateFromUrl, normaliseDate } from "./dates.ts";
import { byTag, walk } from "./dom.ts";
import { type ArticleLd, articleFromJsonLd, type JsonObject, jsonLdNodes, siteNameFromJsonLd } from "./jsonld.ts";
import { primaryLanguage } from "./language.ts";
import { BYLINE_TEXT } from "./lines.ts";
import { normaliseSpaces } from "./text.ts";

/**
 * Page metadata from the markup, each field from the most trusted source that has it: JSON-LD, then OpenGraph and
 * `article:` meta tags, then other meta conventions, `<time>` elements and microdata inside the article, then the
 * URL. Read before boilerplate removal (which drops bylines and `<time>` blocks); dates are never taken from blocks
 * of other articles (related lists, teasers) or from the page footer.
 */

export interface PageMeta {
  title: string | null;
  authors: string[];
  published: string | null;
  modified: string | null;
  declaredLanguage: string | null;
  canonical: string | null;
  siteName: string | null;
  section: string | null;
  leadImage: string | null;
  /** Text of date-like elements of the article header (for a written date when no machine date exists). */
  dateText: string | null;
  /** JSON-LD articleBody, kept for when the DOM body is missing or incomplete. */
  articleBody: string | null;
  provenance: Record<string, string>;
}

const PUBLISHED_META = [
  "article:published_time",
  "og:published_time",
  "og:article:published_time",
  "pubdate",
  "publishdate",
  "publish-date",
  "publish_date",
  "publication_date",
  "date",
  "dc.date.issued",
  "dc.date",
  "dcterms.issued",
  "dcterms.created",
  "dcterms.date",
  "sailthru.date",
  "parsely-pub-date",
  "article.published",
  "article_date_original",
  "cxenseparse:recs:publishtime",
  "original-publish-date",
];
const MODIFIED_META = ["article:modified_time", "og:updated_time", "last-modified", "dcterms.modified"];
const AUTHOR_META = ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator"];
const SECTION_META = ["article:section", "parsely-section", "section", "category"];

/** Ancestors whose `<time>` or byline belongs to something else than the article. */
const FOREIGN_BLOCK =
  /related|recommend|teaser|more-?stories|most-?(read|popular)|sidebar|comment|footer|promo|trending|card/i;
const FOREIGN_TAGS = new Set(["NAV", "ASIDE", "FOOTER"]);
/** Class/id of elements that show the article's date as text ("fecha", "data", "datum", "date", "published"). */
const DATE_CLASS = /date|fecha|data|datum|time|publi|posted|dateline/i;

/** Longer headings are markup accidents, not titles. */
const MAX_TITLE_CHARS = 300;

/** Separators between a headline and the site name in `<title>`. */
const TITLE_SEPARATORS = [" | ", " – ", " — ", " - ", " :: ", " · ", " » "];

/** Words joining several author names. */
const AUTHOR_JOINERS = /\s*(?:,|;|&|\s(?:and|y|e|et|und|en)\s)\s*/;
const BYLINE_PREFIX =
  /^\s*(?:(?:posted|written|analysis|story|reporting|report|text|words|photos?|escrito|publicado|texto|reportagem|reportaje|geschrieben)\s+)?(by|por|par|von|door|de|from)\s+/i;
/** Job titles that follow names in bylines. */
const AUTHOR_ROLE =
  /\b(writer|editor|editor-at-large|correspondent|reporter|columnist|contributor|staff|redactora?|corresponsal|colunista|rédacteur|rédactrice|correspondant|redakteurin?|korrespondentin?|verslaggever|correspondent)\b/i;
const MAX_NAME_WORDS = 5;
const BYLINE_TAIL = /\s[—–·|]\s|\s-\s/;
const BYLINE_CLASS = /byline|(^|[\s_-])(author|autor|auteur|autorin|auteurs?)([\s_-]|$)|author-?name/i;
const BYLINE_TEXT_TAGS = new Set(["P", "SPAN", "B", "STRONG", "EM", "SMALL", "ADDRESS"]);
/** Elements of the article looked at (in document order) for a byline or a written date. */
const SCAN_LIMIT = 400;

/** Calls `visit` on the first `limit` elements under `root` (document order) until it returns true. */
function scanElements(root: Element, limit: number, visit: (el: Element) => boolean): void {
  let seen = 0;
  let done = false;
  walk(root, (node) => {
    if (done || node.nodeType !== 1 || ++seen > limit) return false;
    if (visit(node as Element)) done = true;
    return !done;
  });
}

/** The elements metadata reading needs, found in one walk of the document (each getElementsByTagName is a walk). */
interface PageIndex {
  metas: Element[];
  links: Element[];
  first: Partial<Record<"ARTICLE" | "MAIN" | "H1" | "TITLE", Element>>;
}

const INDEXED_FIRST = new Set(["ARTICLE", "MAIN", "H1", "TITLE"]);

function indexPage(document: Document): PageIndex {
  const index: PageIndex = { metas: [], links: [], first: {} };
  const root = document.documentElement;
  if (!root) return index;
  walk(root, (node) => {
    if (node.nodeType !== 1) return false;
    const tag = (node as Element).tagName;
    if (tag === "META") index.metas.push(node as Element);
    else if (tag === "LINK") index.links.push(node as Element);
    else if (INDEXED_FIRST.has(tag)) {
      const key = tag as keyof PageIndex["first"];
      index.first[key] ??= node as Element;
    }
    return true;
  });
  return index;
}

function metaMap(index: PageIndex): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of index.metas) {
    const key = (
      el.getAttribute("property") ??
      el.getAttribute("name") ??
      el.getAttribute("http-equiv") ??
      ""
    ).toLowerCase();
    const content = el.getAttribute("content");
    if (key && content && !map.has(key)) map.set(key, content.trim());
  }
  return map;
}

function firstMeta(map: Map<string, string>, keys: readonly string[]): [string, string] | null {
  for (const key of keys) {
    const v = map.get(key);
    if (v) return [key, v];
  }
  return null;
}

function absolute(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

function isForeign(el: Element, stop: Element | null): boolean {
  for (let e: Element | null = el.parentElement; e && e !== stop; e = e.parentElement) {
    if (FOREIGN_TAGS.has(e.tagName)) return true;
    const cls = `${e.getAttribute("class") ?? ""} ${e.getAttribute("id") ?? ""}`;
    if (cls.length > 1 && FOREIGN_BLOCK.test(cls)) return true;
  }
  return false;
}

/** The element that most likely holds the article (and its header), for scoping `<time>`, bylines and microdata. */
function articleScope(document: Document, index: PageIndex, hasMicrodata: boolean): Element | null {
  const explicit =
    (hasMicrodata ? document.querySelector("[itemtype*='Article'], [itemtype*='BlogPosting']") : null) ??
    index.first.ARTICLE ??
    index.first.MAIN;
  if (explicit) return explicit;
  const h1 = index.first.H1 ?? null;
  let scope: Element | null = h1;
  for (let i = 0; i < 3 && scope?.parentElement; i++) scope = scope.parentElement;
  return scope;
}

function canonicalLink(index: PageIndex): string | null {
  for (const link of index.links) {
    if (/(^|\s)canonical(\s|$)/i.test(link.getAttribute("rel") ?? "")) return link.getAttribute("href");
  }
  return null;
}

/** The scope and up to two of its ancestors, stopping at `<body>`. */
function widen(scope: Element | null): Element[] {
  if (!scope) return [];
  const out: Element[] = [scope];
  for (let e = scope.parentElement; e && out.length < 3 && e.tagName !== "HTML"; e = e.parentElement) {
    out.push(e);
    if (e.tagName === "BODY") break;
  }
  return out;
}

function cleanTitle(title: string, siteName: string | null): string {
  let t = normaliseSpaces(title);
  for (const sep of TITLE_SEPARATORS) {
    const at = t.lastIndexOf(sep);
    if (at <= 0) continue;
    const tail = t.slice(at + sep.length).trim();
    const head = t.slice(0, at).trim();
    const isSite = siteName !== null && tail.toLowerCase() === siteName.toLowerCase();
    // A short last segment after a separator is the site name even when the page does not declare one.
    if (isSite || (tail.split(" ").length <= 4 && head.length > tail.length * 2 && head.split(" ").length >= 3)) {
      t = head;
      break;
    }
  }
  return t;
}

/** Splits a byline into names ("By Ana Díaz and Joe Bloggs" → two names). */
export function splitAuthors(value: string): string[] {
  // "Por Ana Díaz — Brasília", "By Joe Bloggs · 3 May 2024": the names come before such a separator.
  const cleaned = (normaliseSpaces(value).split(BYLINE_TAIL)[0] ?? "").replace(BYLINE_PREFIX, "");
  const names = cleaned
    .split(AUTHOR_JOINERS)
    .map((n) => n.replace(/[|–—-]\s*$/, "").trim())
    .filter(
      (n) =>
        n.length > 1 &&
        n.length < 80 &&
        !/^https?:/.test(n) &&
        /\p{L}/u.test(n) &&
        // Dates, times and whole sentences are not names.
        !/\d/.test(n) &&
        n.split(" ").length <= MAX_NAME_WORDS,
    );
  // "Jane Doe, AP Auto Writer": a job title beside a name is not an author (alone, e.g. "Staff Writer", it stays).
  const people = names.filter((n) => !AUTHOR_ROLE.test(n));
  return people.length > 0 ? people : names;
}

function dedupe(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = x.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function microdata(scope: ParentNode, prop: string): Element | null {
  return scope.querySelector(`[itemprop~='${prop}']`);
}

function microdataValue(el: Element | null): string | null {
  if (!el) return null;
  return el.getAttribute("content") ?? el.getAttribute("datetime") ?? normaliseSpaces(el.textContent ?? "");
}

/** Reads the metadata of a parsed page. `jsonLd` holds the raw JSON-LD blocks cut out before parsing. */
export function readMetadata(
  document: Document,
  jsonLd: readonly string[],
  url: string,
  hasMicrodata = true,
): PageMeta {
  const provenance: Record<string, string> = {};
  const nodes: JsonObject[] = jsonLd.length > 0 ? jsonLdNodes(jsonLd) : [];
  const ld: ArticleLd | null = articleFromJsonLd(nodes);
  const index = indexPage(document);
  const meta = metaMap(index);
  const scope = articleScope(document, index, hasMicrodata);
  const set = <T>(field: string, value: T | null | undefined, source: string): T | null => {
    if (value === null || value === undefined || (typeof value === "string" && value === "")) return null;
    provenance[field] = source;
    return value;
  };

  const siteName =
    set("siteName", meta.get("og:site_name"), "og") ??
    set("siteName", ld?.publisher, "json-ld") ??
    set("siteName", siteNameFromJsonLd(nodes), "json-ld") ??
    set("siteName", meta.get("application-name"), "meta");

  let title: string | null = null;
  if (ld?.headline) title = set("title", normaliseSpaces(ld.headline), "json-ld");
  const og = meta.get("og:title") ?? meta.get("twitter:title");
  if (!title && og) title = set("title", cleanTitle(og, siteName), "og");
  if (!title) {
    const md = scope && hasMicrodata ? microdataValue(microdata(scope, "headline")) : null;
    title = set("title", md, "microdata");
  }
  if (!title) {
    const h1 = (scope ? byTag(scope, "h1")[0] : undefined) ?? index.first.H1;
    const text = h1 ? normaliseSpaces(h1.textContent ?? "") : "";
    // An unclosed <h1> swallows the page; such a "headline" is not one.
    title = set("title", text && text.length <= MAX_TITLE_CHARS ? text : null, "h1");
  }
  if (!title) {
    const t = index.first.TITLE?.textContent;
    title = set("title", t ? cleanTitle(t, siteName) : null, "title");
  }

  let published = set("published", normaliseDate(ld?.datePublished), "json-ld");
  if (!published) {
    const m = firstMeta(meta, PUBLISHED_META);
    if (m)
      published = set(
        "published",
        normaliseDate(m[1]),
        m[0].startsWith("og:") || m[0].startsWith("article:") ? "og" : "meta",
      );
  }
  let modified = set("modified", normaliseDate(ld?.dateModified), "json-ld");
  if (!modified) {
    const m = firstMeta(meta, MODIFIED_META);
    if (m)
      modified = set(
        "modified",
        normaliseDate(m[1]),
        m[0].startsWith("og:") || m[0].startsWith("article:") ? "og" : "meta",
      );
  }
  if (scope && hasMicrodata && (!published || !modified)) {
    if (!published)
      published = set("published", normaliseDate(microdataValue(microdata(scope, "datePublished"))), "microdata");
    if (!modified)
      modified = set("modified", normaliseDate(microdataValue(microdata(scope, "dateModified"))), "microdata");
  }
  // The article element first, then its parent and grandparent: headers with the byline and date often sit beside
  // the body element rather than inside it.
  const scopes = widen(scope);
  for (const s of published ? [] : scopes) {
    for (const time of byTag(s, "time")) {
      if (isForeign(time, s)) continue;
      const value = normaliseDate(time.getAttribute("datetime") ?? time.textContent ?? "");
      if (value) {
        published = set("published", value, "time");
        break;
      }
    }
    if (published) break;
  }
  if (!published) published = set("published", dateFromUrl(url), "url");
  let dateText: string | null = null;
  for (const s of published ? [] : scopes) {
    scanElements(s, SCAN_LIMIT, (el) => {
      const name = `${el.getAttribute("class") ?? ""} ${el.getAttribute("id") ?? ""}`;
      if (name.length < 2 || !DATE_CLASS.test(name)) return false;
      const text = el.textContent ?? "";
      if (text.length > 200 || isForeign(el, s)) return false;
      dateText = normaliseSpaces(text) || null;
      return dateText !== null;
    });
    if (dateText) break;
  }

  let authors: string[] = [];
  if (ld && ld.authors.length > 0) {
    authors = dedupe(ld.authors.flatMap(splitAuthors));
    if (authors.length > 0) provenance.authors = "json-ld";
  }
  if (authors.length === 0) {
    const values = AUTHOR_META.flatMap((k) => {
      const v = meta.get(k);
      return v && !/^https?:/.test(v) ? [v] : [];
    });
    if (values[0]) {
      authors = dedupe(splitAuthors(values[0]));
      if (authors.length > 0) provenance.authors = "meta";
    }
  }
  if (authors.length === 0 && scope && hasMicrodata) {
    const found: string[] = [];
    for (const el of scope.querySelectorAll("[itemprop~='author']")) {
      if (isForeign(el, scope)) continue;
      const name = el.querySelector("[itemprop~='name']");
      found.push(...splitAuthors(microdataValue(name ?? el) ?? ""));
    }
    authors = dedupe(found);
    if (authors.length > 0) provenance.authors = "microdata";
  }
  for (const scope of authors.length === 0 ? scopes : []) {
    const found: string[] = [];
    // A byline element by class or rel, else a byline written as text ("Por Ana Díaz y Juan Pérez") in a short
    // inline element of the article.
    scanElements(scope, SCAN_LIMIT, (el) => {
      const cls = el.getAttribute("class");
      const rel = el.getAttribute("rel");
      const named = (cls !== null && BYLINE_CLASS.test(cls)) || (rel !== null && /\bauthor\b/.test(rel));
      if (!named) return false;
      const text = el.textContent ?? "";
      if (text.length > 200 || isForeign(el, scope)) return false;
      found.push(...splitAuthors(text));
      return found.length > 0;
    });
    if (found.length === 0) {
      scanElements(scope, SCAN_LIMIT, (el) => {
        if (!BYLINE_TEXT_TAGS.has(el.tagName)) return false;
        const text = normaliseSpaces(el.textContent ?? "");
        if (text.length > 120 || !BYLINE_TEXT.test(text) || isForeign(el, scope)) return false;
        found.push(...splitAuthors(text));
        return found.length > 0;
      });
    }
    authors = dedupe(found);
    if (authors.length > 0) {
      provenance.authors = "byline";
      break;
    }
  }

  // "Jane Doe, Business Insider": the outlet's name (or a domain) beside a person is not a second author.
  const persons = authors.filter((a) => a.toLowerCase() !== siteName?.toLowerCase() && !/\.[a-z]{2,}$/i.test(a));
  if (persons.length > 0 && persons.length < authors.length) authors = persons;

  const canonical =
    set("canonical", absolute(canonicalLink(index), url), "link") ??
    set("canonical", absolute(meta.get("og:url"), url), "og") ??
    set("canonical", absolute(ld?.url, url), "json-ld");

  const section = set("section", ld?.section, "json-ld") ?? set("section", firstMeta(meta, SECTION_META)?.[1], "meta");

  const leadImage =
    set("leadImage", absolute(meta.get("og:image") ?? meta.get("og:image:url"), url), "og") ??
    set("leadImage", absolute(ld?.image, url), "json-ld") ??
    set("leadImage", absolute(meta.get("twitter:image"), url), "meta");

  const declaredLanguage =
    primaryLanguage(ld?.inLanguage) ??
    primaryLanguage(document.documentElement?.getAttribute("lang")) ??
    primaryLanguage(meta.get("og:locale")) ??
    primaryLanguage(meta.get("content-language") ?? meta.get("language"));

  return {
    title,
    authors,
    published,
    modified,
    declaredLanguage,
    canonical,
    siteName,
    section,
    leadImage,
    dateText,
    articleBody: ld?.articleBody ?? null,
    provenance,
  };
}

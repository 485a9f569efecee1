/**
 * JSON-LD (schema.org) reading: the most trustworthy metadata on news pages. Blocks may hold one object, an array,
 * an `@graph`, or nest the article under `mainEntity`; the article node is the first one of an article type.
 */

/** schema.org types that describe an article (NewsArticle and its subtypes, blog posts, reports). */
export const ARTICLE_TYPES = new Set([
  "Article",
  "NewsArticle",
  "ReportageNewsArticle",
  "AnalysisNewsArticle",
  "OpinionNewsArticle",
  "BackgroundNewsArticle",
  "ReviewNewsArticle",
  "AskPublicNewsArticle",
  "BlogPosting",
  "LiveBlogPosting",
  "SocialMediaPosting",
  "Report",
  "ScholarlyArticle",
  "TechArticle",
  "SatiricalArticle",
  "AdvertiserContentArticle",
  "DiscussionForumPosting",
]);

/** Nodes below this depth are not visited (guards against hostile nesting). */
const MAX_DEPTH = 12;
const MAX_NODES = 2000;

export type JsonObject = Record<string, unknown>;

export interface ArticleLd {
  headline: string | null;
  authors: string[];
  datePublished: unknown;
  dateModified: unknown;
  articleBody: string | null;
  inLanguage: string | null;
  section: string | null;
  image: string | null;
  publisher: string | null;
  url: string | null;
}

function withoutControlCharacters(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c < 0x20 ? " " : text[i];
  }
  return out;
}

function parseBlock(raw: string): unknown {
  const text = raw.trim().replace(/^<!\[CDATA\[|\]\]>$/g, "");
  try {
    return JSON.parse(text);
  } catch {
    // Common breakage: raw control characters (newlines inside strings) and trailing commas.
    try {
      return JSON.parse(withoutControlCharacters(text).replace(/,\s*([}\]])/g, "$1"));
    } catch {
      return null;
    }
  }
}

function typesOf(node: JsonObject): string[] {
  const t = node["@type"];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === "string").map((x) => x.replace(/^https?:\/\/schema\.org\//, ""));
}

/** Every object in the blocks, breadth-first (top-level objects before nested ones). */
export function jsonLdNodes(blocks: readonly string[]): JsonObject[] {
  const out: JsonObject[] = [];
  const queue: Array<[unknown, number]> = blocks.map((b) => [parseBlock(b), 0]);
  for (let head = 0; head < queue.length; head++) {
    const [value, depth] = queue[head] as [unknown, number];
    if (out.length >= MAX_NODES) break;
    if (depth > MAX_DEPTH || value === null || typeof value !== "object") continue;
    if (Array.isArray(value)) {
      for (const v of value) queue.push([v, depth + 1]);
      continue;
    }
    const node = value as JsonObject;
    out.push(node);
    for (const key of ["@graph", "mainEntity", "itemListElement", "hasPart"]) {
      if (node[key] !== undefined) queue.push([node[key], depth + 1]);
    }
  }
  return out;
}

function str(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (Array.isArray(value)) return str(value[0]);
  if (value && typeof value === "object") {
    const o = value as JsonObject;
    return str(o.name ?? o["@value"] ?? o.url ?? o["@id"]);
  }
  return null;
}

function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item === "string") out.push(item);
    else if (item && typeof item === "object") {
      const name = (item as JsonObject).name;
      if (typeof name === "string") out.push(name);
    }
  }
  return out.map((n) => n.trim()).filter((n) => n.length > 0 && !/^https?:\/\//.test(n));
}

function imageUrl(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return imageUrl(value[0]);
  if (value && typeof value === "object") {
    const o = value as JsonObject;
    return typeof o.url === "string" ? o.url : typeof o.contentUrl === "string" ? o.contentUrl : null;
  }
  return null;
}

/** The article node of a page's JSON-LD nodes (see jsonLdNodes), or null when none describes an article. */
export function articleFromJsonLd(nodes: readonly JsonObject[]): ArticleLd | null {
  const node = nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t)));
  if (!node) return null;
  const mainEntity = node.mainEntityOfPage;
  const url =
    str(node.url) ??
    (mainEntity && typeof mainEntity === "object" ? str((mainEntity as JsonObject)["@id"]) : str(mainEntity));
  const section = node.articleSection;
  return {
    headline: str(node.headline) ?? str(node.name),
    authors: names(node.author ?? node.creator),
    datePublished: node.datePublished ?? node.dateCreated,
    dateModified: node.dateModified,
    articleBody: typeof node.articleBody === "string" ? node.articleBody : null,
    inLanguage: str(node.inLanguage),
    section: Array.isArray(section) ? str(section[0]) : str(section),
    image: imageUrl(node.image ?? node.thumbnailUrl),
    publisher: str(node.publisher),
    url,
  };
}

/** The site name from a WebSite/Organization node, when the article node has no publisher. */
export function siteNameFromJsonLd(nodes: readonly JsonObject[]): string | null {
  // A WebSite or news organisation names the site; a bare Organization is the next best guess.
  for (const wanted of [["WebSite", "NewsMediaOrganization"], ["Organization"]]) {
    for (const node of nodes) {
      if (!typesOf(node).some((t) => wanted.includes(t))) continue;
      const name = str(node.name);
      if (name) return name;
    }
  }
  return null;
}

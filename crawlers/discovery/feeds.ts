import { parseFeed } from "feedsmith";
import { errorMessage } from "../../core/errors.ts";
import type { DiscoveredLink, DiscoveryResult } from "./types.ts";

/** Pattern fallback for feeds whose XML is broken: <link>URL</link>, <link href="URL"> and <guid>URL</guid>. */
const LINK_PATTERNS = [
  /<link>\s*(?:<!\[CDATA\[)?\s*(https?:\/\/[^<\s\]]+)/gi,
  /<link[^>]+href\s*=\s*["'](https?:\/\/[^"']+)["']/gi,
  /<guid[^>]*>\s*(?:<!\[CDATA\[)?\s*(https?:\/\/[^<\s\]]+)/gi,
];

type Text = string | { value?: string } | undefined;

interface FeedItemLike {
  title?: Text;
  link?: string;
  links?: Array<{ href?: string; rel?: string }>;
  guid?: string | { value?: string; isPermaLink?: boolean };
  id?: string;
  description?: Text;
  summary?: Text;
  content?: Text;
  pubDate?: string;
  published?: string;
  updated?: string;
  dc?: { date?: string; dates?: string[] };
}

/** Parses RSS 2.0 / Atom / RDF / JSON Feed into article links; broken XML falls back to URL patterns. */
export function parseFeedLinks(text: string, base: string): DiscoveryResult {
  let items: FeedItemLike[];
  try {
    const parsed = parseFeed(text) as { feed: { items?: FeedItemLike[]; entries?: FeedItemLike[] } };
    items = parsed.feed.items ?? parsed.feed.entries ?? [];
  } catch (error) {
    const links = patternLinks(text, base);
    return {
      links,
      sitemaps: [],
      problem: `malformed feed (${errorMessage(error)}); recovered ${links.length} links by pattern`,
    };
  }
  const links: DiscoveredLink[] = [];
  for (const item of items) {
    const url = itemUrl(item, base);
    if (!url) continue;
    const parts = [textOf(item.title), stripTags(textOf(item.description) ?? textOf(item.summary) ?? "")].filter(
      Boolean,
    );
    links.push({
      url,
      text: parts.length > 0 ? parts.join("\n") : null,
      published: item.pubDate ?? item.published ?? item.dc?.date ?? item.dc?.dates?.[0] ?? null,
      modified: item.updated ?? null,
    });
  }
  return { links, sitemaps: [], problem: null };
}

function itemUrl(item: FeedItemLike, base: string): string | null {
  const alternate = item.links?.find((l) => !l.rel || l.rel === "alternate")?.href;
  const guid = typeof item.guid === "string" ? item.guid : item.guid?.value;
  for (const candidate of [item.link, alternate, guid, item.id]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate.trim(), base);
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch {
      // not a URL (e.g. a tag: guid); try the next field
    }
  }
  return null;
}

function textOf(value: Text): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : (value.value ?? null);
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function patternLinks(text: string, base: string): DiscoveredLink[] {
  const seen = new Set<string>();
  const links: DiscoveredLink[] = [];
  for (const pattern of LINK_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      try {
        const url = new URL(match[1] ?? "", base).href;
        if (seen.has(url)) continue;
        seen.add(url);
        links.push({ url, text: null, published: null, modified: null });
      } catch {
        // skip
      }
    }
  }
  return links;
}

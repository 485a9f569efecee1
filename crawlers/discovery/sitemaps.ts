import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { DiscoveredLink, DiscoveryResult } from "./types.ts";

/** Pattern fallback for broken sitemap XML. */
const LOC_PATTERN = /<loc>\s*(?:<!\[CDATA\[)?\s*([^<\s\]]+)/gi;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  isArray: (name) => name === "url" || name === "sitemap",
  parseTagValue: false,
  trimValues: true,
});

interface UrlEntry {
  loc?: string;
  lastmod?: string;
  news?: { publication_date?: string; title?: string; keywords?: string };
}

/** Parses a sitemap (plain or Google News) or a sitemap index. Broken XML falls back to <loc> patterns. */
export function parseSitemap(text: string, base: string): DiscoveryResult {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const links = patternLocs(text, base);
    const looksLikeIndex = /<sitemapindex/i.test(text);
    return {
      links: looksLikeIndex ? [] : links,
      sitemaps: looksLikeIndex ? links : [],
      problem: `malformed sitemap XML (${valid.err.msg} at line ${valid.err.line}); recovered ${links.length} URLs by pattern`,
    };
  }
  const doc = parser.parse(text) as {
    urlset?: { url?: UrlEntry[] };
    sitemapindex?: { sitemap?: Array<{ loc?: string; lastmod?: string }> };
  };
  const links: DiscoveredLink[] = [];
  for (const entry of doc.urlset?.url ?? []) {
    const url = absolute(entry.loc, base);
    if (!url) continue;
    const text = [entry.news?.title, entry.news?.keywords].filter(Boolean).join("\n");
    links.push({
      url,
      text: text || null,
      published: entry.news?.publication_date ?? null,
      modified: entry.lastmod ?? null,
    });
  }
  const sitemaps: DiscoveredLink[] = [];
  for (const entry of doc.sitemapindex?.sitemap ?? []) {
    const url = absolute(entry.loc, base);
    if (url) sitemaps.push({ url, text: null, published: null, modified: entry.lastmod ?? null });
  }
  const problem = doc.urlset || doc.sitemapindex ? null : "not a sitemap (no <urlset> or <sitemapindex>)";
  return { links, sitemaps, problem };
}

function absolute(loc: string | undefined, base: string): string | null {
  if (!loc) return null;
  try {
    const url = new URL(loc.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function patternLocs(text: string, base: string): DiscoveredLink[] {
  const out: DiscoveredLink[] = [];
  for (const match of text.matchAll(LOC_PATTERN)) {
    const url = absolute(match[1], base);
    if (url) out.push({ url, text: null, published: null, modified: null });
  }
  return out;
}

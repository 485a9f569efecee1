import type { DiscoveredLink, DiscoveryResult } from "./types.ts";

/** href of <a> and <area> elements, quoted or not; tolerant of malformed HTML by design (no DOM needed). */
const HREF = /<(?:a|area)\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+))/gi;
const BASE = /<base\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+))/i;

/** Links of a section (listing) page, resolved against <base href> or the page URL, fragments dropped, deduplicated. */
export function parseSectionLinks(html: string, pageUrl: string): DiscoveryResult {
  let base = pageUrl;
  const baseMatch = BASE.exec(html);
  const baseHref = baseMatch ? (baseMatch[1] ?? baseMatch[2] ?? baseMatch[3]) : undefined;
  if (baseHref) {
    try {
      base = new URL(decodeEntities(baseHref), pageUrl).href;
    } catch {
      // keep the page URL
    }
  }
  const seen = new Set<string>();
  const links: DiscoveredLink[] = [];
  for (const match of html.matchAll(HREF)) {
    const href = match[1] ?? match[2] ?? match[3];
    if (!href) continue;
    let url: URL;
    try {
      url = new URL(decodeEntities(href.trim()), base);
    } catch {
      continue;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") continue;
    url.hash = "";
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    links.push({ url: url.href, text: null, published: null, modified: null });
  }
  return { links, sitemaps: [], problem: null };
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, "&")
    .replace(/&#38;/g, "&")
    .replace(/&#x26;/gi, "&");
}

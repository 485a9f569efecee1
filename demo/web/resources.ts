import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { sha256 } from "../../core/hash.ts";
import { httpDate } from "./dates.ts";
import {
  months,
  renderAtom,
  renderMonthSitemap,
  renderNewsSitemap,
  renderRobots,
  renderRss,
  renderSitemapIndex,
} from "./feeds.ts";
import {
  articleJson,
  type OutletTemplates,
  paginate,
  renderArticlePage,
  renderEmbargoedPage,
  renderListingPage,
} from "./pages.ts";
import { fillPattern, newest, type OutletSite } from "./site.ts";
import type { Charset } from "./sites.ts";

/**
 * Every response an outlet's site can give, built once per edition so each request is a map lookup and the same
 * edition always serves identical bytes and headers (no clock anywhere: Last-Modified comes from article dates).
 */

/** Last-Modified of documents without a date of their own (robots.txt, scripts, the PDF). */
export const FIXED_LAST_MODIFIED = "2024-07-01T00:00:00Z";

/** Smallest well-formed one-page PDF: enough for a crawler to see a real application/pdf document. */
const PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

const ASSET_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};

export interface Resource {
  status: number;
  contentType?: string;
  body: Buffer;
  /** The gzip-encoded body, when the outlet compresses responses. */
  gzipped?: Buffer;
  etag?: string;
  lastModified?: string;
  location?: string;
  /** Also served when the request adds a query string (articles with tracking parameters); not for listings. */
  ignoresQuery?: boolean;
}

/** Encodes an HTML page in the outlet's charset; characters the charset lacks become numeric references. */
export function encodeHtml(html: string, charset: Charset): { body: Buffer; contentType: string } {
  if (charset === "utf-8") return { body: Buffer.from(html, "utf8"), contentType: "text/html; charset=utf-8" };
  // Only Latin-1 code points go out as single bytes, so the page decodes the same as ISO-8859-1 or windows-1252.
  const latin1 = html.replace(/[\u0100-\u{10ffff}]/gu, (c) => `&#${c.codePointAt(0)};`);
  const body = Buffer.from(latin1, "latin1");
  return { body, contentType: charset === "iso-8859-1-header" ? "text/html; charset=ISO-8859-1" : "text/html" };
}

function resource(
  site: OutletSite,
  body: Buffer,
  contentType: string,
  lastModified: string,
  extra: Partial<Resource> = {},
): Resource {
  const tag = sha256(body).slice(0, 20);
  const gzip = site.profile.gzip && body.length > 0;
  return {
    status: 200,
    contentType,
    body,
    ...(gzip ? { gzipped: gzipSync(body, { level: 9 }) } : {}),
    etag: `"${tag}"`,
    lastModified: httpDate(lastModified),
    ...extra,
  };
}

/** Builds the path → response map of one outlet (paths include their query string). */
export function buildResources(
  site: OutletSite,
  templates: OutletTemplates,
  originName: (id: string) => string | null,
): Map<string, Resource> {
  const map = new Map<string, Resource>();
  const { profile } = site;
  const html = (text: string, lastModified: string, extra: Partial<Resource> = {}) => {
    const { body, contentType } = encodeHtml(text, profile.charset);
    return resource(site, body, contentType, lastModified, extra);
  };
  const text = (body: string, contentType: string, lastModified: string) =>
    resource(site, Buffer.from(body, "utf8"), contentType, lastModified);

  const latest = paginate(site, null, site.articles, profile.latest.first, profile.latest.page);
  const home = latest[0];
  if (home) map.set("/", html(renderListingPage(site, templates, home, true), newest(home.articles)));
  const listings = [
    ...latest,
    ...site.sections.flatMap((id) =>
      paginate(
        site,
        id,
        site.articles.filter((a) => a.section === id),
        fillPattern(profile.section.first, { section: id }),
        fillPattern(profile.section.page, { section: id }),
      ),
    ),
  ];
  for (const listing of listings) {
    const path = listing.url.slice(site.origin.length);
    map.set(path, html(renderListingPage(site, templates, listing), newest(listing.articles)));
  }

  for (const article of site.articles) {
    const page = html(renderArticlePage(site, templates, article, originName), article.lastmod, { ignoresQuery: true });
    map.set(article.path, page);
    for (const alias of article.aliases) map.set(alias, page);
    map.set(article.legacyPath, { status: 301, body: Buffer.alloc(0), location: article.url });
    map.set(article.embargoedPath, html(renderEmbargoedPage(site, article), article.published));
    if (profile.api) {
      const path = fillPattern(profile.api, { slug: article.slug });
      map.set(path, text(articleJson(site, article), "application/json; charset=utf-8", article.lastmod));
    }
  }

  map.set(profile.pdf, resource(site, Buffer.from(PDF, "latin1"), "application/pdf", FIXED_LAST_MODIFIED));
  map.set("/robots.txt", text(renderRobots(site), "text/plain; charset=utf-8", FIXED_LAST_MODIFIED));
  const lastmod = newest(site.articles);
  if (profile.feed?.kind === "rss") {
    map.set(profile.feed.path, text(renderRss(site, profile.feed.path), "application/rss+xml; charset=utf-8", lastmod));
  } else if (profile.feed?.kind === "atom") {
    map.set(
      profile.feed.path,
      text(renderAtom(site, profile.feed.path), "application/atom+xml; charset=utf-8", lastmod),
    );
  }
  if (profile.newsSitemap)
    map.set(profile.newsSitemap, text(renderNewsSitemap(site), "application/xml; charset=utf-8", lastmod));
  if (profile.sitemapIndex) {
    map.set(profile.sitemapIndex.path, text(renderSitemapIndex(site), "application/xml; charset=utf-8", lastmod));
    for (const [key, articles] of months(site)) {
      const [yyyy = "", mm = ""] = key.split("-");
      const path = fillPattern(profile.sitemapIndex.monthly, { yyyy, mm });
      map.set(path, text(renderMonthSitemap(articles), "application/xml; charset=utf-8", newest(articles)));
    }
  }
  for (const [path, file] of Object.entries(profile.assets ?? {})) {
    const type = ASSET_TYPES[extname(file)] ?? "application/octet-stream";
    map.set(path, resource(site, readFileSync(join(templates.dir, file)), type, FIXED_LAST_MODIFIED));
  }
  return map;
}

/** The outlet's 404 page (plain, in its charset). */
export function notFound(site: OutletSite): Resource {
  const page = `<!DOCTYPE html>\n<html><head><title>404 · ${site.outlet.name}</title></head><body><h1>404</h1></body></html>\n`;
  const { body, contentType } = encodeHtml(page, site.profile.charset);
  return { status: 404, contentType, body };
}

/** Looks a request path up: exact path with query first, then without the query for articles. */
export function lookup(map: Map<string, Resource>, pathWithQuery: string): Resource | undefined {
  const exact = map.get(pathWithQuery);
  if (exact) return exact;
  const q = pathWithQuery.indexOf("?");
  if (q < 0) return undefined;
  const bare = map.get(pathWithQuery.slice(0, q));
  return bare?.ignoresQuery ? bare : undefined;
}

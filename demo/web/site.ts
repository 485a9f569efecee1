import { sha256 } from "../../core/hash.ts";
import type { Outlet } from "../../crawlers/registry/index.ts";
import type { DemoArticle } from "../articles.ts";
import { instant, later, wallClock } from "./dates.ts";
import type { SiteProfile } from "./sites.ts";

/** One article as one edition of the demo web serves it. */
export interface ServedArticle {
  outletId: string;
  slug: string;
  title: string;
  authors: string[];
  published: string;
  /** The edit time, only in edition 2 for articles with `updated`. */
  modified: string | null;
  /** published or modified, whichever is later: Last-Modified, feed and sitemap dates. */
  lastmod: string;
  section: string;
  topic: boolean;
  /** The body of this edition, as in the YAML (paragraphs separated by blank lines). */
  body: string;
  paragraphs: string[];
  /** First paragraph of the original body: teasers and feed descriptions, the same in both editions. */
  standfirst: string;
  aliases: string[];
  republishedFrom: string | null;
  /** Stable number used by URL schemes with numeric ids. */
  num: number;
  path: string;
  url: string;
  legacyPath: string;
  embargoedPath: string;
}

/** An outlet's site: registry entry, layout profile, origin and articles newest first. */
export interface OutletSite {
  outlet: Outlet;
  profile: SiteProfile;
  origin: string;
  language: string;
  articles: ServedArticle[];
  /** Section ids in order of first appearance in the article file. */
  sections: string[];
}

/** Fills a URL pattern for an article. */
export function fillPattern(pattern: string, fields: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, key: string) => (key in fields ? String(fields[key]) : whole));
}

/** Splits a body into paragraphs at blank lines (what the extractor joins back with blank lines). */
export function splitParagraphs(body: string): string[] {
  return body
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** A 6-digit number derived from the outlet and slug, for numeric URL schemes (stable across runs). */
export function articleNumber(outletId: string, slug: string): number {
  return 100_001 + (Number.parseInt(sha256(`${outletId}/${slug}`).slice(0, 8), 16) % 899_998);
}

/** Builds the served view of an outlet's articles for one edition, newest first. */
export function buildSite(
  outlet: Outlet,
  profile: SiteProfile,
  origin: string,
  language: string,
  articles: DemoArticle[],
  edition: 1 | 2,
): OutletSite {
  const served = articles.map((a): ServedArticle => {
    const { year, month, day } = wallClock(a.published);
    const num = articleNumber(outlet.id, a.slug);
    const fields = { slug: a.slug, section: a.section, yyyy: year, mm: month, dd: day, num };
    const updated = edition === 2 && a.updated ? a.updated : null;
    const body = updated ? updated.body : a.body;
    const path = fillPattern(profile.article, fields);
    return {
      outletId: outlet.id,
      slug: a.slug,
      title: a.title,
      authors: a.authors,
      published: a.published,
      modified: updated ? updated.modified : null,
      lastmod: updated ? later(a.published, updated.modified) : a.published,
      section: a.section,
      topic: a.topic,
      body,
      paragraphs: splitParagraphs(body),
      standfirst: splitParagraphs(a.body)[0] ?? "",
      aliases: a.aliases,
      republishedFrom: a.republishedFrom ?? null,
      num,
      path,
      url: origin + path,
      legacyPath: fillPattern(profile.legacy, fields),
      embargoedPath: fillPattern(profile.embargoed, fields),
    };
  });
  served.sort(
    (a, b) => instant(b.published).getTime() - instant(a.published).getTime() || a.slug.localeCompare(b.slug),
  );
  const sections = [...new Set(articles.map((a) => a.section))];
  return { outlet, profile, origin, language, articles: served, sections };
}

/** The latest date of a list of articles (or a fixed date for an outlet with none). */
export function newest(articles: ServedArticle[]): string {
  return articles.reduce((max, a) => later(max, a.lastmod), "2024-07-01T00:00:00Z");
}

/** "ana-lópez" → "ana-lopez": author page slugs. */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

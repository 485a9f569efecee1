import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { joinNames, longDate, nameSeparators, shortDate, utcIso } from "./dates.ts";
import { jsonLdScript } from "./jsonld.ts";
import { fillPattern, type OutletSite, type ServedArticle, slugify } from "./site.ts";
import { LISTING_PAGE_SIZE } from "./sites.ts";
import { escapeHtml, parseTemplate, renderTemplate, type Template } from "./template.ts";

/** Other articles shown in an article page's "read also" block and dated "related" list. */
export const READ_ALSO_COUNT = 2;
export const RELATED_COUNT = 3;
/** Newest articles in the sidebars of outlets that show them on every page. */
export const RECENT_COUNT = 5;
/** Length of teaser texts in listings and meta descriptions. */
export const SUMMARY_LENGTH = 160;

/** Extension of template files (Mustache, so HTML linters and formatters leave them alone). */
export const TEMPLATE_EXTENSION = ".mustache";

/** An outlet's parsed templates: `article`, `listing` and partials (`_name`, used as `{{> name}}`). */
export interface OutletTemplates {
  pages: Map<string, Template>;
  dir: string;
}

/** Loads every template of an outlet's folder (data/demo/templates/<outlet>/). */
export function loadTemplates(dir: string): OutletTemplates {
  const pages = new Map<string, Template>();
  if (existsSync(dir)) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith(TEMPLATE_EXTENSION))) {
      pages.set(
        file.slice(0, -TEMPLATE_EXTENSION.length),
        parseTemplate(readFileSync(join(dir, file), "utf8"), join(dir, file)),
      );
    }
  }
  return { pages, dir };
}

function render(templates: OutletTemplates, page: string, view: unknown): string {
  const template = templates.pages.get(page);
  if (!template) throw new Error(`missing template ${join(templates.dir, `${page}${TEMPLATE_EXTENSION}`)}`);
  return renderTemplate(template, view, (name) => {
    const partial = templates.pages.get(`_${name}`);
    if (!partial) throw new Error(`missing partial ${join(templates.dir, `_${name}${TEMPLATE_EXTENSION}`)}`);
    return partial;
  });
}

function summary(article: ServedArticle): string {
  const first = article.standfirst;
  if (first.length <= SUMMARY_LENGTH) return first;
  return `${first.slice(0, first.lastIndexOf(" ", SUMMARY_LENGTH))} …`;
}

/** Display names of section ids that need more than capitalisation. */
export const SECTION_NAMES: Record<string, string> = {
  us: "U.S.",
  politica: "Política",
  "america-latina": "América Latina",
  economia: "Economia",
  "derechos-humanos": "Derechos Humanos",
};

function sectionName(id: string): string {
  const known = SECTION_NAMES[id];
  if (known) return known;
  return id
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

function sectionLink(site: OutletSite, id: string): { id: string; name: string; url: string } {
  return { id, name: sectionName(id), url: site.origin + fillPattern(site.profile.section.first, { section: id }) };
}

function dates(site: OutletSite, iso: string) {
  return {
    datetime: iso,
    utc: utcIso(iso),
    long: longDate(iso, site.language, site.profile.usDates),
    short: shortDate(iso),
    day: iso.slice(0, 10),
  };
}

function teaser(site: OutletSite, article: ServedArticle) {
  return {
    title: article.title,
    url: article.url,
    date: dates(site, article.published),
    summary: summary(article),
    authorsText: joinNames(article.authors, site.language),
    section: sectionLink(site, article.section),
  };
}

/** Fields every page of an outlet shares: name, home, sections, feed, copyright year (of its newest article). */
function siteView(site: OutletSite) {
  const newestYear = String(Math.max(2024, ...site.articles.map((a) => Number(a.published.slice(0, 4)))));

  return {
    name: site.outlet.name,
    origin: site.origin,
    home: `${site.origin}/`,
    langAttr: site.profile.htmlLang === null ? "" : ` lang="${site.profile.htmlLang}"`,
    year: newestYear,
    sections: site.sections.map((id) => sectionLink(site, id)),
    latestUrl: site.origin + site.profile.latest.first,
    feedUrl: site.profile.feed ? site.origin + site.profile.feed.path : null,
    feedType: site.profile.feed?.kind === "atom" ? "application/atom+xml" : "application/rss+xml",
    recent: site.articles.slice(0, RECENT_COUNT).map((a) => teaser(site, a)),
  };
}

/** Renders an article page: the outlet's article template over the article, its metadata and the page clutter. */
export function renderArticlePage(
  site: OutletSite,
  templates: OutletTemplates,
  article: ServedArticle,
  originName: (id: string) => string | null,
): string {
  const others = site.articles.filter((a) => a.slug !== article.slug);
  const count = article.paragraphs.length;
  const view = {
    site: siteView(site),
    slug: article.slug,
    title: article.title,
    url: article.url,
    summary: summary(article),
    authors: article.authors.map((name, i) => ({
      name,
      url: `${site.origin}/autor/${slugify(name)}`,
      first: i === 0,
      last: i === article.authors.length - 1,
      sep: nameSeparators(article.authors.length, site.language)[i],
    })),
    authorsText: joinNames(article.authors, site.language),
    authorsComma: article.authors.join(", "),
    published: dates(site, article.published),
    modified: article.modified ? dates(site, article.modified) : null,
    section: sectionLink(site, article.section),
    paragraphs: article.paragraphs.map((text, i) => ({
      text,
      n: i + 1,
      first: i === 0,
      second: i === 1,
      third: i === 2,
      middle: i === Math.floor((count - 1) / 2),
      last: i === count - 1,
    })),
    readAlso: others.slice(0, READ_ALSO_COUNT).map((a) => teaser(site, a)),
    related: others.slice(READ_ALSO_COUNT, READ_ALSO_COUNT + RELATED_COUNT).map((a) => teaser(site, a)),
    credit: article.republishedFrom ? originName(article.republishedFrom.split("/")[0] ?? "") : null,
    jsonLd: jsonLdScript(site, article),
    apiUrl: site.profile.api ? site.origin + fillPattern(site.profile.api, { slug: article.slug }) : null,
  };
  return render(templates, "article", view);
}

/** One page of a listing (home, latest news or a section). */
export interface ListingPage {
  /** The section id, or null for the latest-news listing of all articles. */
  section: string | null;
  /** Absolute URL of this page. */
  url: string;
  articles: ServedArticle[];
  page: number;
  pages: number;
  pageUrl: (n: number) => string;
}

/** Splits articles into listing pages of LISTING_PAGE_SIZE, addressed by a profile listing pattern. */
export function paginate(
  site: OutletSite,
  section: string | null,
  articles: ServedArticle[],
  first: string,
  pattern: string,
): ListingPage[] {
  const pages = Math.max(1, Math.ceil(articles.length / LISTING_PAGE_SIZE));
  const pageUrl = (n: number) => site.origin + (n === 1 ? first : fillPattern(pattern, { n }));
  return Array.from({ length: pages }, (_, i) => ({
    section,
    url: pageUrl(i + 1),
    articles: articles.slice(i * LISTING_PAGE_SIZE, (i + 1) * LISTING_PAGE_SIZE),
    page: i + 1,
    pages,
    pageUrl,
  }));
}

/**
 * Renders a listing page. Its "most read" box carries the crawler's traps: article aliases, an old URL that
 * redirects, an embargoed link under a robots-disallowed path, a PDF and a dead link.
 */
export function renderListingPage(
  site: OutletSite,
  templates: OutletTemplates,
  listing: ListingPage,
  isHome = false,
): string {
  const newestArticle = site.articles[0];
  const view = {
    site: siteView(site),
    isHome,
    isLatest: !isHome && listing.section === null,
    sectionName: listing.section ? sectionLink(site, listing.section).name : null,
    url: listing.url,
    items: listing.articles.map((a) => teaser(site, a)),
    page: listing.page,
    pages: listing.pages,
    prevUrl: listing.page > 1 ? listing.pageUrl(listing.page - 1) : null,
    nextUrl: listing.page < listing.pages ? listing.pageUrl(listing.page + 1) : null,
    pageLinks: Array.from({ length: listing.pages }, (_, i) => ({
      n: i + 1,
      url: listing.pageUrl(i + 1),
      current: i + 1 === listing.page,
    })),
    aliasLinks: site.articles.flatMap((a) => a.aliases.map((alias) => ({ title: a.title, url: site.origin + alias }))),
    legacy: newestArticle ? { title: newestArticle.title, url: site.origin + newestArticle.legacyPath } : null,
    embargoedUrl: newestArticle ? site.origin + newestArticle.embargoedPath : null,
    pdfUrl: site.origin + site.profile.pdf,
    brokenUrl: site.origin + site.profile.broken,
  };
  return render(templates, "listing", view);
}

/** The page a polite crawler never sees: a draft under a robots-disallowed path (same for every outlet). */
export function renderEmbargoedPage(site: OutletSite, article: ServedArticle): string {
  const meta =
    site.profile.charset === "iso-8859-1-header"
      ? ""
      : `<meta charset="${site.profile.charset === "utf-8" ? "utf-8" : "windows-1252"}">\n`;
  return `<!DOCTYPE html>
<html${siteView(site).langAttr}>
<head>
${meta}<title>EMBARGOED DRAFT: ${escapeHtml(article.title)}</title>
<meta name="robots" content="noindex, nofollow">
</head>
<body>
<h1>EMBARGOED DRAFT: not for publication</h1>
<p>This page sits under a path that robots.txt disallows. A polite crawler never requests it.</p>
</body>
</html>
`;
}

/** The JSON the JavaScript-rendered outlet's article script fetches. */
export function articleJson(site: OutletSite, article: ServedArticle): string {
  return `${JSON.stringify(
    {
      slug: article.slug,
      title: article.title,
      authors: article.authors,
      byline: joinNames(article.authors, site.language),
      published: article.published,
      publishedText: longDate(article.published, site.language),
      modified: article.modified,
      section: article.section,
      canonical: article.url,
      paragraphs: article.paragraphs,
    },
    null,
    2,
  )}\n`;
}

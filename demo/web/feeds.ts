import { httpDate, utcIso, wallClock } from "./dates.ts";
import { fillPattern, newest, type OutletSite, type ServedArticle } from "./site.ts";

/**
 * The demo web's discovery documents: RSS 2.0 and Atom feeds, Google news sitemaps, a sitemap index with monthly
 * sitemaps, and robots.txt. All are UTF-8 (sitemaps must be) whatever the outlet's page encoding. Feeds and sitemaps
 * also list each article alias once, as real feeds list tracking or AMP copies, so a crawler meets both URLs.
 */

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

interface Entry {
  url: string;
  article: ServedArticle;
}

/** Articles then their aliases, newest first. */
function entries(site: OutletSite): Entry[] {
  const main = site.articles.map((article) => ({ url: article.url, article }));
  const aliases = site.articles.flatMap((article) => article.aliases.map((a) => ({ url: site.origin + a, article })));
  return [...main, ...aliases];
}

function description(article: ServedArticle): string {
  return article.standfirst;
}

/** RSS 2.0 with pubDate, title, link, guid, description, dc:creator and category. */
export function renderRss(site: OutletSite, selfPath: string): string {
  const items = entries(site).map(
    ({ url, article }) => `    <item>
      <title>${xml(article.title)}</title>
      <link>${xml(url)}</link>
      <guid isPermaLink="true">${xml(url)}</guid>
      <pubDate>${httpDate(article.published)}</pubDate>
${article.authors.map((a) => `      <dc:creator>${xml(a)}</dc:creator>\n`).join("")}      <category>${xml(article.section)}</category>
      <description>${xml(description(article))}</description>
    </item>
`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${xml(site.outlet.name)}</title>
    <link>${xml(`${site.origin}/`)}</link>
    <description>${xml(`${site.outlet.name}: latest`)}</description>
    <language>${site.language}</language>
    <lastBuildDate>${httpDate(newest(site.articles))}</lastBuildDate>
    <atom:link href="${xml(site.origin + selfPath)}" rel="self" type="application/rss+xml"/>
${items.join("")}  </channel>
</rss>
`;
}

/** Atom 1.0 with published, updated (the edit time in edition 2), title, link, author and summary. */
export function renderAtom(site: OutletSite, selfPath: string): string {
  const items = entries(site).map(
    ({ url, article }) => `  <entry>
    <title>${xml(article.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <id>${xml(url)}</id>
    <published>${utcIso(article.published)}</published>
    <updated>${utcIso(article.lastmod)}</updated>
${article.authors.map((a) => `    <author><name>${xml(a)}</name></author>\n`).join("")}    <category term="${xml(article.section)}"/>
    <summary type="text">${xml(description(article))}</summary>
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${site.language}">
  <title>${xml(site.outlet.name)}</title>
  <id>${xml(`${site.origin}/`)}</id>
  <updated>${utcIso(newest(site.articles))}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(site.origin + selfPath)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${site.origin}/`)}"/>
${items.join("")}</feed>
`;
}

/** Google news sitemap: every article with publication_date, title and lastmod. */
export function renderNewsSitemap(site: OutletSite): string {
  const urls = entries(site).map(
    ({ url, article }) => `  <url>
    <loc>${xml(url)}</loc>
    <lastmod>${utcIso(article.lastmod)}</lastmod>
    <news:news>
      <news:publication>
        <news:name>${xml(site.outlet.name)}</news:name>
        <news:language>${site.language}</news:language>
      </news:publication>
      <news:publication_date>${article.published}</news:publication_date>
      <news:title>${xml(article.title)}</news:title>
    </news:news>
  </url>
`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${urls.join("")}</urlset>
`;
}

/** Months ("2024-08") that have articles, newest first, with their articles. */
export function months(site: OutletSite): Map<string, ServedArticle[]> {
  const byMonth = new Map<string, ServedArticle[]>();
  for (const article of site.articles) {
    const { year, month } = wallClock(article.published);
    const key = `${year}-${month}`;
    byMonth.set(key, [...(byMonth.get(key) ?? []), article]);
  }
  return byMonth;
}

/** A plain sitemap of one month's articles (with lastmod). */
export function renderMonthSitemap(articles: ServedArticle[]): string {
  const urls = articles.map(
    (a) => `  <url>
    <loc>${xml(a.url)}</loc>
    <lastmod>${utcIso(a.lastmod)}</lastmod>
  </url>
`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join("")}</urlset>
`;
}

/** Sitemap index: the news sitemap and one sitemap per month, each with its newest lastmod. */
export function renderSitemapIndex(site: OutletSite): string {
  const children: Array<{ loc: string; lastmod: string }> = [];
  if (site.profile.newsSitemap) {
    children.push({ loc: site.origin + site.profile.newsSitemap, lastmod: newest(site.articles) });
  }
  const monthly = site.profile.sitemapIndex?.monthly;
  if (monthly) {
    for (const [key, articles] of months(site)) {
      const [yyyy = "", mm = ""] = key.split("-");
      children.push({ loc: site.origin + fillPattern(monthly, { yyyy, mm }), lastmod: newest(articles) });
    }
  }
  const items = children.map(
    (c) => `  <sitemap>
    <loc>${xml(c.loc)}</loc>
    <lastmod>${utcIso(c.lastmod)}</lastmod>
  </sitemap>
`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${items.join("")}</sitemapindex>
`;
}

/** robots.txt: a group for all agents with the outlet's disallowed paths, a blocked bot, and the sitemaps. */
export function renderRobots(site: OutletSite): string {
  const { robots, newsSitemap, sitemapIndex } = site.profile;
  const lines = [
    `# robots.txt for ${site.outlet.name}`,
    "User-agent: BadScraperBot",
    "Disallow: /",
    "",
    "User-agent: *",
    ...robots.disallow.map((path) => `Disallow: ${path}`),
  ];
  if (robots.crawlDelay !== undefined) lines.push(`Crawl-delay: ${robots.crawlDelay}`);
  lines.push("");
  if (sitemapIndex) lines.push(`Sitemap: ${site.origin}${sitemapIndex.path}`);
  else if (newsSitemap) lines.push(`Sitemap: ${site.origin}${newsSitemap}`);
  return `${lines.join("\n")}\n`;
}

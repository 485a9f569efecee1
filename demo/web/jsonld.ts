import { type OutletSite, type ServedArticle, slugify } from "./site.ts";

/**
 * schema.org NewsArticle metadata in the three shapes news sites use: a plain object (wire), an item of a Yoast-style
 * `@graph` with authors by reference, and a plain object that also carries the full `articleBody`.
 */

function authors(site: OutletSite, article: ServedArticle) {
  return article.authors.map((name) => ({ "@type": "Person", name, url: `${site.origin}/autor/${slugify(name)}` }));
}

function publisher(site: OutletSite) {
  return {
    "@type": "NewsMediaOrganization",
    name: site.outlet.name,
    url: `${site.origin}/`,
    logo: { "@type": "ImageObject", url: `${site.origin}/logo.png` },
  };
}

function plain(site: OutletSite, article: ServedArticle) {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": article.url },
    headline: article.title,
    datePublished: article.published,
    dateModified: article.modified ?? article.published,
    author: authors(site, article),
    publisher: publisher(site),
    articleSection: article.section,
    inLanguage: site.language,
  };
}

function graph(site: OutletSite, article: ServedArticle) {
  const people = article.authors.map((name) => ({
    "@type": "Person",
    "@id": `${site.origin}/#/schema/person/${slugify(name)}`,
    name,
  }));
  return {
    "@context": "https://schema.org",
    "@graph": [
      { "@type": "WebSite", "@id": `${site.origin}/#website`, url: `${site.origin}/`, name: site.outlet.name },
      {
        "@type": "WebPage",
        "@id": article.url,
        url: article.url,
        name: article.title,
        isPartOf: { "@id": `${site.origin}/#website` },
        breadcrumb: { "@id": `${article.url}#breadcrumb` },
      },
      {
        "@type": "NewsArticle",
        "@id": `${article.url}#article`,
        isPartOf: { "@id": article.url },
        headline: article.title,
        datePublished: article.published,
        dateModified: article.modified ?? article.published,
        author: people.map((p) => ({ "@id": p["@id"] })),
        publisher: { "@id": `${site.origin}/#organization` },
        articleSection: [article.section],
        inLanguage: site.outlet.languages[0],
      },
      {
        "@type": "BreadcrumbList",
        "@id": `${article.url}#breadcrumb`,
        itemListElement: [
          { "@type": "ListItem", position: 1, name: site.outlet.name, item: `${site.origin}/` },
          { "@type": "ListItem", position: 2, name: article.title },
        ],
      },
      ...people,
      { ...publisher(site), "@id": `${site.origin}/#organization` },
    ],
  };
}

/** The page's `<script type="application/ld+json">` element, or "" for outlets without JSON-LD. */
export function jsonLdScript(site: OutletSite, article: ServedArticle): string {
  const kind = site.profile.jsonLd;
  if (kind === "none") return "";
  const data =
    kind === "graph"
      ? graph(site, article)
      : kind === "articleBody"
        ? { ...plain(site, article), articleBody: article.body.trim() }
        : plain(site, article);
  // "<" escaped so no text can close the script element; characters beyond Latin-1 escaped so the JSON survives any
  // page encoding.
  const json = JSON.stringify(data, null, 2).replace(
    /[<>&\u0100-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `<script type="application/ld+json">\n${json}\n</script>`;
}

/**
 * How each demo outlet's site is laid out and served: URL patterns, discovery documents, charset, compression, which
 * metadata sources its pages carry, robots rules and its traps (embargoed link, PDF, broken link, old redirecting URL).
 * The HTML itself lives in data/demo/templates/<outlet>/. Patterns use {slug}, {section}, {yyyy}, {mm}, {dd}, {num}
 * (a stable number derived from the slug) and, for listings, {n} (page number, 2…).
 */

export interface Listing {
  /** Path of page 1. */
  first: string;
  /** Path of page n ≥ 2, with "{n}". */
  page: string;
}

export type Charset =
  /** UTF-8, declared in the Content-Type header and in <meta charset>. */
  | "utf-8"
  /** ISO-8859-1 bytes, declared only in the Content-Type header. */
  | "iso-8859-1-header"
  /** Latin-1 bytes, header without charset, declared only by <meta charset="windows-1252">. */
  | "windows-1252-meta";

export type JsonLdKind = "none" | "plain" | "graph" | "articleBody";

export interface SiteProfile {
  /** <html lang>; null leaves the attribute out. */
  htmlLang: string | null;
  /** Dates as "August 3, 2024" instead of "3 August 2024" (English outlets). */
  usDates?: boolean;
  article: string;
  /** An older URL scheme that answers 301 to the article. */
  legacy: string;
  latest: Listing;
  section: Listing;
  feed?: { kind: "rss" | "atom"; path: string };
  newsSitemap?: string;
  /** A sitemap index pointing to the news sitemap and one sitemap per month ("{yyyy}", "{mm}"). */
  sitemapIndex?: { path: string; monthly: string };
  charset: Charset;
  gzip: boolean;
  jsonLd: JsonLdKind;
  robots: { disallow: string[]; crawlDelay?: number };
  /** An article-like path under a disallowed prefix, linked from listings: a polite crawler never fetches it. */
  embargoed: string;
  /** A link to a PDF document (served as application/pdf) and one to a page that no longer exists (404). */
  pdf: string;
  broken: string;
  /** JSON API of the JavaScript-rendered outlet, and its static files (path → file in the template folder). */
  api?: string;
  assets?: Record<string, string>;
}

/** Articles per listing page. */
export const LISTING_PAGE_SIZE = 5;

export const SITES: Record<string, SiteProfile> = {
  "meridian-wire": {
    htmlLang: "en-GB",
    article: "/stories/{slug}",
    legacy: "/story.php?id={num}",
    latest: { first: "/latest", page: "/latest?page={n}" },
    section: { first: "/section/{section}", page: "/section/{section}?page={n}" },
    feed: { kind: "rss", path: "/feeds/latest.rss" },
    newsSitemap: "/sitemaps/news.xml",
    charset: "utf-8",
    gzip: true,
    jsonLd: "plain",
    robots: { disallow: ["/private/", "/stories/embargoed-", "/search"] },
    embargoed: "/stories/embargoed-{slug}",
    pdf: "/files/wire-style-guide.pdf",
    broken: "/stories/withdrawn-story-2019",
  },
  "atlantic-broadcast": {
    htmlLang: "en",
    usDates: true,
    article: "/news/{section}/{slug}",
    legacy: "/story/{slug}",
    latest: { first: "/news", page: "/news?page={n}" },
    section: { first: "/news/{section}", page: "/news/{section}?page={n}" },
    feed: { kind: "atom", path: "/feeds/all.atom" },
    charset: "utf-8",
    gzip: true,
    jsonLd: "none",
    robots: { disallow: ["/private/", "/news/preview/"] },
    embargoed: "/news/preview/{slug}",
    pdf: "/news/documents/observer-mission-statement",
    broken: "/news/world/story-removed-at-source",
  },
  "liberty-ledger": {
    htmlLang: "en-US",
    usDates: true,
    article: "/{yyyy}/{mm}/{dd}/{slug}/",
    legacy: "/?p={num}",
    latest: { first: "/news/", page: "/news/page/{n}/" },
    section: { first: "/category/{section}/", page: "/category/{section}/page/{n}/" },
    feed: { kind: "rss", path: "/feed/" },
    charset: "utf-8",
    gzip: false,
    jsonLd: "none",
    robots: { disallow: ["/wp-admin/", "/private/"] },
    embargoed: "/private/{yyyy}/{mm}/{dd}/{slug}/",
    pdf: "/wp-content/uploads/2024/08/tally-sheet-scan.pdf",
    broken: "/2024/07/31/post-that-was-deleted/",
  },
  "de-dagkrant": {
    htmlLang: "nl-NL",
    article: "/artikel/{num}/{slug}",
    legacy: "/nieuws/{num}",
    latest: { first: "/net-binnen", page: "/net-binnen?pagina={n}" },
    section: { first: "/rubriek/{section}", page: "/rubriek/{section}?pagina={n}" },
    feed: { kind: "rss", path: "/rss/nieuws.xml" },
    newsSitemap: "/sitemap-news.xml",
    charset: "utf-8",
    gzip: true,
    jsonLd: "none",
    robots: { disallow: ["/private/", "/artikel/concept/"] },
    embargoed: "/artikel/concept/{slug}",
    pdf: "/bijlagen/verkiezingsuitslag.pdf",
    broken: "/artikel/100000/verwijderd-artikel",
  },
  "diario-del-sur": {
    htmlLang: "es-AR",
    article: "/{section}/{slug}.html",
    legacy: "/nota.php?id={num}",
    latest: { first: "/ultimas-noticias", page: "/ultimas-noticias?page={n}" },
    section: { first: "/{section}", page: "/{section}?page={n}" },
    newsSitemap: "/sitemap-noticias.xml",
    charset: "iso-8859-1-header",
    gzip: false,
    jsonLd: "none",
    robots: { disallow: ["/privado/", "/borradores/"] },
    embargoed: "/borradores/{slug}.html",
    pdf: "/documentos/informe-misiones-observacion.pdf",
    broken: "/mundo/nota-dada-de-baja.html",
  },
  "ventana-libre": {
    htmlLang: "es",
    article: "/articulo/{slug}",
    legacy: "/a/{num}",
    latest: { first: "/noticias", page: "/noticias?p={n}" },
    section: { first: "/seccion/{section}", page: "/seccion/{section}?p={n}" },
    newsSitemap: "/sitemap_news.xml",
    charset: "utf-8",
    gzip: true,
    jsonLd: "none",
    robots: { disallow: ["/privado/", "/articulo/borrador-"] },
    embargoed: "/articulo/borrador-{slug}",
    pdf: "/docs/actas-resumen.pdf",
    broken: "/articulo/nota-eliminada",
    api: "/api/articles/{slug}.json",
    assets: { "/static/app.js": "static/app.js", "/static/app.css": "static/app.css" },
  },
  "voz-bolivariana": {
    htmlLang: "en",
    article: "/noticias/{section}/{slug}",
    legacy: "/index.php?nota={num}",
    latest: { first: "/ultimas", page: "/ultimas/pagina/{n}" },
    section: { first: "/seccion/{section}", page: "/seccion/{section}/pagina/{n}" },
    feed: { kind: "rss", path: "/rss" },
    charset: "utf-8",
    gzip: false,
    jsonLd: "none",
    robots: { disallow: ["/privado/", "/noticias/borrador/"], crawlDelay: 0.1 },
    embargoed: "/noticias/borrador/{slug}",
    pdf: "/noticias/documentos/gaceta-oficial-extraordinaria",
    broken: "/noticias/nacionales/nota-retirada",
  },
  "orbita-internacional": {
    htmlLang: "es",
    article: "/{section}/{num}-{slug}/",
    legacy: "/noticias/{num}",
    latest: { first: "/ultimas-noticias/", page: "/ultimas-noticias/?page={n}" },
    section: { first: "/{section}/", page: "/{section}/?page={n}" },
    feed: { kind: "rss", path: "/rss/actualidad.xml" },
    charset: "utf-8",
    gzip: true,
    jsonLd: "articleBody",
    robots: { disallow: ["/privado/"], crawlDelay: 0.2 },
    embargoed: "/privado/{num}-{slug}/",
    pdf: "/documentos/comunicado-oficial.pdf",
    broken: "/actualidad/100000-nota-inexistente/",
  },
  "correio-do-planalto": {
    htmlLang: "pt-BR",
    article: "/{section}/noticia/{yyyy}/{mm}/{dd}/{slug}.ghtml",
    legacy: "/noticia/{num}",
    latest: { first: "/ultimas", page: "/ultimas?pagina={n}" },
    section: { first: "/{section}/", page: "/{section}/?pagina={n}" },
    feed: { kind: "atom", path: "/feed/atom.xml" },
    newsSitemap: "/sitemap/news.xml",
    sitemapIndex: { path: "/sitemap.xml", monthly: "/sitemap/{yyyy}-{mm}.xml" },
    charset: "utf-8",
    gzip: false,
    jsonLd: "graph",
    robots: { disallow: ["/rascunhos/", "/privado/"] },
    embargoed: "/rascunhos/noticia/2024/08/05/{slug}.ghtml",
    pdf: "/arquivos/relatorio-observadores.pdf",
    broken: "/mundo/noticia/2024/07/30/materia-removida.ghtml",
  },
  "tribuna-popular": {
    htmlLang: null,
    article: "/materia/{slug}",
    legacy: "/noticia.php?id={num}",
    latest: { first: "/ultimas/", page: "/ultimas/page/{n}/" },
    section: { first: "/secao/{section}/", page: "/secao/{section}/page/{n}/" },
    charset: "windows-1252-meta",
    gzip: false,
    jsonLd: "none",
    robots: { disallow: ["/privado/", "/materia/rascunho-"], crawlDelay: 0.2 },
    embargoed: "/materia/rascunho-{slug}",
    pdf: "/materia/anexo-atas-eleitorais",
    broken: "/materia/pagina-removida",
  },
};

import type { Locale } from "./material.ts";
import type { PagePlan } from "./pages.ts";
import { slugify } from "./pages.ts";

/**
 * HTML of generated pages in four layouts that news sites use for their metadata: JSON-LD NewsArticle, OpenGraph
 * meta tags, schema.org microdata, and a blog whose only date is in the URL. Every page carries the clutter real pages
 * have (navigation, cookie banner, inline scripts and styles, related links, newsletter box, share buttons, footer).
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

const STYLE =
  "body{font-family:Georgia,serif;margin:0}header,footer{background:#111;color:#eee}nav a{margin:0 .5em}" +
  ".cookie-banner{position:fixed;bottom:0}.article-body p,.story-body p{line-height:1.6}";

function analytics(plan: PagePlan): string {
  return `<script>window.dataLayer=window.dataLayer||[];dataLayer.push({page:${JSON.stringify(new URL(plan.url).pathname)},section:${JSON.stringify(plan.section)}});</script>`;
}

function header(plan: PagePlan, locale: Locale): string {
  const links = locale.nav.map(
    (label, i) => `<li><a href="/${i === 0 ? "" : slugify(label)}">${escapeHtml(label)}</a></li>`,
  );
  return (
    `<header class="site-header"><a class="logo" href="/">${escapeHtml(plan.outlet.name)}</a>` +
    `<nav class="main-nav"><ul>${links.join("")}</ul></nav></header>` +
    `<div class="cookie-banner" id="cookie-consent"><p>${escapeHtml(locale.cookie)}</p><button>OK</button></div>`
  );
}

function related(plan: PagePlan, locale: Locale): string {
  const items = plan.related.map(
    (title, i) => `<li><a href="/${plan.section}/2024/01/0${i + 1}/${slugify(title)}">${escapeHtml(title)}</a></li>`,
  );
  return `<aside class="related"><h2>${escapeHtml(locale.related)}</h2><ul>${items.join("")}</ul></aside>`;
}

function footer(plan: PagePlan, locale: Locale): string {
  return (
    `<div class="share"><span>${escapeHtml(locale.share)}</span><a href="#">X</a><a href="#">Facebook</a><a href="#">WhatsApp</a></div>` +
    `<div class="newsletter"><p>${escapeHtml(locale.newsletter)}</p><form><input type="email"><button>OK</button></form></div>` +
    `<footer class="site-footer"><p>© ${plan.published.slice(0, 4)} ${escapeHtml(plan.outlet.name)}. ${escapeHtml(locale.rights)}</p></footer>`
  );
}

function byline(plan: PagePlan, locale: Locale, wrap: (name: string) => string): string {
  if (plan.authors.length === 0) return escapeHtml(locale.staff);
  return `${escapeHtml(locale.by)} ${plan.authors.map(wrap).join(` ${escapeHtml(locale.and)} `)}`;
}

function paragraphs(plan: PagePlan, attrs = ""): string {
  return plan.paragraphs.map((p) => `<p${attrs}>${escapeHtml(p)}</p>`).join("\n");
}

function head(plan: PagePlan, extra: string): string {
  return (
    `<!doctype html>\n<html lang="${plan.outlet.language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(plan.title)} | ${escapeHtml(plan.outlet.name)}</title>` +
    `<link rel="canonical" href="${escapeHtml(plan.url)}"><style>${STYLE}</style>${extra}${analytics(plan)}</head>`
  );
}

function jsonLd(plan: PagePlan): string {
  const data = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": plan.url },
    headline: plan.title,
    datePublished: plan.published,
    dateModified: plan.modified ?? plan.published,
    author: plan.authors.map((name) => ({ "@type": "Person", name })),
    publisher: { "@type": "NewsMediaOrganization", name: plan.outlet.name, url: `${plan.outlet.origin}/` },
    articleSection: plan.section,
    inLanguage: plan.outlet.language,
  };
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>`;
}

/** The article page of a plan, in its outlet's layout. */
export function articleHtml(plan: PagePlan, locale: Locale): string {
  const title = escapeHtml(plan.title);
  switch (plan.outlet.layout) {
    case "jsonld":
      return (
        `${head(plan, jsonLd(plan))}<body>${header(plan, locale)}<main><article class="article">` +
        `<h1>${title}</h1><p class="byline">${byline(plan, locale, escapeHtml)}</p>` +
        `<div class="article-body">\n${paragraphs(plan)}\n</div></article>${related(plan, locale)}</main>${footer(plan, locale)}</body></html>\n`
      );
    case "opengraph": {
      const meta =
        `<meta property="og:type" content="article"><meta property="og:title" content="${title}">` +
        `<meta property="og:url" content="${escapeHtml(plan.url)}">` +
        `<meta property="article:published_time" content="${plan.published}">` +
        (plan.modified ? `<meta property="article:modified_time" content="${plan.modified}">` : "") +
        `<meta property="article:section" content="${escapeHtml(plan.section)}">` +
        (plan.authors.length > 0 ? `<meta name="author" content="${escapeHtml(plan.authors.join(", "))}">` : "");
      const half = Math.ceil(plan.paragraphs.length / 2);
      const first = { ...plan, paragraphs: plan.paragraphs.slice(0, half) };
      const second = { ...plan, paragraphs: plan.paragraphs.slice(half) };
      return (
        `${head(plan, meta)}<body>${header(plan, locale)}<main><div class="story"><h1 class="headline">${title}</h1>` +
        `<div class="meta"><span class="author-name">${byline(plan, locale, escapeHtml)}</span></div>` +
        `<div class="story-body">\n${paragraphs(first)}\n<aside class="inline-promo"><a href="/">${escapeHtml(locale.readMore)}</a></aside>\n${paragraphs(second)}\n</div>` +
        `</div>${related(plan, locale)}</main>${footer(plan, locale)}</body></html>\n`
      );
    }
    case "microdata":
      return (
        `${head(plan, "")}<body>${header(plan, locale)}<main><article itemscope itemtype="https://schema.org/NewsArticle">` +
        `<h1 itemprop="headline">${title}</h1>` +
        `<p class="byline">${byline(plan, locale, (n) => `<span itemprop="author">${escapeHtml(n)}</span>`)}</p>` +
        `<time itemprop="datePublished" datetime="${plan.published}">${plan.published.slice(0, 10)}</time>` +
        (plan.modified ? `<meta itemprop="dateModified" content="${plan.modified}">` : "") +
        `<div itemprop="articleBody">\n${paragraphs(plan)}\n</div></article>${related(plan, locale)}</main>${footer(plan, locale)}</body></html>\n`
      );
    case "urldate":
      return (
        `${head(plan, `<meta name="generator" content="WordPress 6.5">`)}<body class="post-template-default single">${header(plan, locale)}` +
        `<div id="content"><article class="post type-post"><h1 class="entry-title">${title}</h1>` +
        `<div class="entry-meta">${byline(plan, locale, (n) => `<a rel="author" href="/author/${slugify(n)}/">${escapeHtml(n)}</a>`)}</div>` +
        `<div class="entry-content">\n${paragraphs(plan)}\n</div></article>${related(plan, locale)}</div>${footer(plan, locale)}</body></html>\n`
      );
  }
}

/** A listing page of an outlet's section (links to recent articles); not an article. */
export function sectionHtml(plan: PagePlan, locale: Locale, links: Array<{ url: string; title: string }>): string {
  const items = links.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.title)}</a></li>`).join("");
  return `${head(plan, "")}<body>${header(plan, locale)}<main><h1>${escapeHtml(plan.section)}</h1><ul class="teasers">${items}</ul></main>${footer(plan, locale)}</body></html>\n`;
}

/** The error page a mistyped link leads to. */
export function notFoundHtml(locale: Locale): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>404</title></head><body><h1>404</h1><p>${escapeHtml(locale.notFound)}</p></body></html>\n`;
}

import { html, scriptJson } from "../html.ts";
import { count, kindLabel } from "../labels.ts";
import { page } from "../layout.ts";
import { articlePath } from "../paths.ts";
import type { BuiltPage, SiteContext } from "../site.ts";
import type { ArticleDetail } from "../types.ts";

/**
 * The searchable article list. Pages opened from file:// cannot fetch(), so the index is a JS file
 * (assets/articles-index.js, loaded by <script src>) that sets a global; assets/articles.js filters it in the browser
 * and builds rows with textContent only, so titles from the web are never parsed as HTML.
 */

export const INDEX_SCRIPT = "assets/articles-index.js";
export const LIST_SCRIPT = "assets/articles.js";

export interface ArticleIndexEntry {
  id: string;
  outletId: string;
  day: string | null;
  language: string | null;
  title: string;
  /** "frame:stance" pairs. */
  frames: string[];
  nTags: number;
}

export function indexEntry(a: ArticleDetail): ArticleIndexEntry {
  return {
    id: a.articleId,
    outletId: a.outletId,
    day: a.publishedDay,
    language: a.language,
    title: a.title ?? "",
    frames: Object.entries(a.frames)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([f, s]) => `${f}:${s}`),
    nTags: a.tags.length,
  };
}

/**
 * The index as compact rows [id, outlet#, day, language, title, frames, nTags, path?]; the path is only written when
 * it is not the default sharded one, to keep a 100k-article index small.
 */
export function indexScript(entries: readonly ArticleIndexEntry[], ctx: SiteContext): string {
  const outletIds = [...ctx.outlets.keys()];
  for (const e of entries)
    if (!ctx.outlets.has(e.outletId) && !outletIds.includes(e.outletId)) outletIds.push(e.outletId);
  const outletNo = new Map(outletIds.map((id, i) => [id, i]));
  const outlets = outletIds.map((id) => {
    const o = ctx.outlets.get(id);
    return [id, o?.name ?? id, o ? kindLabel(o.kind) : "Unknown"];
  });
  const rows = entries.map((e) => {
    const path = articlePath(e.id);
    const row: unknown[] = [
      e.id,
      outletNo.get(e.outletId) ?? 0,
      e.day ?? "",
      e.language ?? "",
      e.title,
      e.frames.join(" "),
      e.nTags,
    ];
    if (path !== `articles/${e.id.slice(0, 2).toLowerCase()}/${e.id}.html`) row.push(path);
    return row;
  });
  const frames = ctx.study.frames.map((f) => [f.id, f.label]);
  return `window.FRAMEWATCH_INDEX = ${scriptJson({ outlets, frames, rows })};\n`;
}

export function articlesPage(entries: readonly ArticleIndexEntry[], ctx: SiteContext): BuiltPage {
  const path = "articles.html";
  const outlets = [...ctx.outlets.values()].sort((a, b) => a.name.localeCompare(b.name));
  const languages = [...new Set(entries.map((e) => e.language).filter((l): l is string => !!l))].sort();
  const body = html`
<p class="lede">All ${count(entries.length)} articles. Type in the title search or choose filters; the list updates as you go. Open an article to see its text with every tag highlighted.</p>
<form class="filters" id="filters" role="search" aria-label="Filter articles">
<label>Title contains <input type="search" name="q" id="f-q" autocomplete="off"></label>
<label>Outlet <select name="outlet" id="f-outlet"><option value="">all outlets</option>${outlets.map(
    (o) => html`<option value="${o.outletId}">${o.name}</option>`,
  )}</select></label>
<label>Frame <select name="frame" id="f-frame"><option value="">any</option>${ctx.study.frames.map(
    (f) => html`<option value="${f.id}">${f.label}</option>`,
  )}</select></label>
<label>Stance <select name="stance" id="f-stance"><option value="">any</option><option value="endorsed">endorsed</option><option value="reported">reported</option><option value="rejected">rejected</option></select></label>
<label>Language <select name="language" id="f-language"><option value="">any</option>${languages.map((l) => html`<option value="${l}">${l}</option>`)}</select></label>
<label>From <input type="date" name="from" id="f-from"></label>
<label>To <input type="date" name="to" id="f-to"></label>
</form>
<p id="result-count" class="n" aria-live="polite">${count(entries.length)} articles</p>
<noscript><p>The filters need JavaScript. Every outlet's page lists its most recent articles: see <a href="outlets.html">Outlets</a>.</p></noscript>
<div class="table-wrap"><table id="article-table"><caption class="visually-hidden">Articles matching the filters</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Outlet</th><th scope="col">Title</th><th scope="col">Frames</th></tr></thead>
<tbody id="article-rows"></tbody></table></div>
<p><button type="button" id="more" hidden>Show more</button></p>`;
  return {
    path,
    html: page({ path, title: "Articles", study: ctx.study, body, scripts: [INDEX_SCRIPT, LIST_SCRIPT] }),
  };
}

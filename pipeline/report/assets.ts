import { STANCE_COLORS } from "./palette.ts";

/**
 * The site's only stylesheet and script, written to assets/. System fonts only (no web fonts, no CDN); the layout is
 * a single readable column that reflows down to phone widths, and SVG charts scale with their viewBox.
 */

export const STYLE_CSS = `:root {
  --text: #1b1b1b; --muted: #595959; --line: #d9d9d9; --bg: #ffffff; --panel: #f6f7f9; --link: #0b57a4;
  --endorsed: ${STANCE_COLORS.endorsed}; --reported: ${STANCE_COLORS.reported}; --rejected: ${STANCE_COLORS.rejected};
  --hl-frame: #ffd9b3; --hl-recognition: #cfe6f7; --hl-source: #6b3fa0; --hl-claim: #007a5a;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--text); background: var(--bg); }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #e69f00; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.site { background: #102a43; color: #fff; padding: .6rem 1rem; }
header.site a { color: #fff; }
header.site .study { margin: 0 0 .3rem; font-size: .9rem; opacity: .9; }
header.site nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem .9rem; }
header.site nav a { text-decoration: none; font-weight: 600; padding: .2rem 0; display: inline-block; }
header.site nav a[aria-current="page"] { border-bottom: 3px solid #e69f00; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: .5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 0 0 .25rem; }
.lede { font-size: 1.05rem; color: #333; max-width: 70ch; }
footer.site { max-width: 1100px; margin: 2rem auto; padding: 0 1rem; color: var(--muted); font-size: .85rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: .5rem; margin: 1rem 0; }
.facts div { background: var(--panel); border-radius: 6px; padding: .5rem .75rem; }
.facts dt { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.facts dd { margin: 0; font-size: 1.15rem; font-weight: 600; overflow-wrap: anywhere; }
figure.figure { margin: 1.5rem 0; padding: 1rem; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
.reading { margin: 0 0 .25rem; color: #333; }
.n { margin: 0 0 .5rem; color: var(--muted); font-size: .9rem; }
.chart { overflow-x: auto; -webkit-overflow-scrolling: touch; }
.chart svg { max-width: 100%; height: auto; display: block; }
.map-with-aside { display: grid; grid-template-columns: minmax(0, 3fr) minmax(12rem, 1fr); gap: 1rem; align-items: start; }
.map-with-aside svg { max-width: 100%; height: auto; }
.orgs h4 { margin: 0 0 .4rem; }
.orgs ul { list-style: none; padding: 0; margin: 0; font-size: .9rem; }
.orgs li { margin-bottom: .5rem; }
.tagpill { display: inline-flex; align-items: center; gap: .25rem; margin-right: .3rem; white-space: nowrap; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; align-items: center; margin: .5rem 0; font-size: .9rem; }
.legend-title { font-weight: 600; margin-right: .25rem; }
.swatch { display: inline-flex; align-items: center; gap: .35rem; }
ol.events { font-size: .9rem; margin: .25rem 0 .5rem; padding-left: 1.6rem; columns: 2 18rem; }
details.data { margin-top: .5rem; }
details.data summary { cursor: pointer; color: var(--link); }
.download { margin: .4rem 0 0; font-size: .9rem; }
.empty { color: var(--muted); font-style: italic; }
.table-wrap { position: relative; overflow-x: auto; margin: .5rem 0 1rem; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: .9rem; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.date { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nil { background: #fafafa; }
table.matrix td { min-width: 9rem; }
.frame-defs { max-width: 75ch; }
.columns { columns: 2 16rem; }
.evidence { padding-left: 1.5rem; }
.evidence li { margin-bottom: 1rem; }
blockquote { margin: .25rem 0; padding: .25rem .75rem; border-left: 4px solid var(--line); background: var(--panel); overflow-wrap: anywhere; }
.cite { margin: .2rem 0; font-size: .9rem; }
.rule, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .8rem; color: var(--muted); overflow-wrap: anywhere; }
.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .5rem 1rem; background: var(--panel); padding: .75rem; border-radius: 8px; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; font-weight: 600; }
.filters input, .filters select { font: inherit; font-weight: normal; padding: .35rem; border: 1px solid #8a8a8a; border-radius: 4px; min-height: 2.2rem; }
button { font: inherit; padding: .4rem 1rem; border: 1px solid #8a8a8a; border-radius: 4px; background: #fff; cursor: pointer; min-height: 2.2rem; }
.stance { display: inline-block; padding: 0 .35rem; border-radius: 3px; font-size: .8rem; margin: 0 .25rem .15rem 0; border: 1px solid; white-space: nowrap; }
.stance-endorsed { border-color: var(--endorsed); color: #8a3b00; }
.stance-reported { border-color: var(--reported); color: #444; }
.stance-rejected { border-color: var(--rejected); color: #004f7c; }
.article-meta { color: var(--muted); }
.article-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.05rem; line-height: 1.7; max-width: 75ch; background: #fff; }
mark.hl { background: transparent; color: inherit; border-radius: 2px; }
mark.hl-frame { background: var(--hl-frame); }
mark.hl-recognition { background: var(--hl-recognition); }
mark.hl-frame.hl-recognition { background: linear-gradient(var(--hl-frame) 50%, var(--hl-recognition) 50%); }
mark.hl-source { text-decoration: underline dotted var(--hl-source) 2px; text-underline-offset: 3px; }
mark.hl-claim { border-bottom: 2px solid var(--hl-claim); }
sup.ref { font-size: .65rem; color: var(--muted); }
sup.ref a { text-decoration: none; }
.hl-key { display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; font-size: .9rem; margin: .5rem 0 1rem; }
.hl-key mark { padding: 0 .3rem; }
table.tags td:nth-child(4) { max-width: 32rem; overflow-wrap: anywhere; }
tr:target { background: #fff4d6; }
ul.article-list { padding-left: 1.2rem; }
ul.article-list li { margin-bottom: .3rem; }
@media (max-width: 640px) {
  body { font-size: 15px; }
  main { padding: .75rem; }
  h1 { font-size: 1.4rem; }
  figure.figure { padding: .6rem; margin: 1rem -.25rem; }
  .map-with-aside { grid-template-columns: 1fr; }
  /* Charts keep a readable text size on phones and scroll sideways instead of shrinking to illegibility. */
  .chart > svg { min-width: 560px; }
  .chart:has(> svg)::before { content: "Swipe sideways to see the whole chart →"; display: block; font-size: .8rem; color: var(--muted); position: sticky; left: 0; }
  table { font-size: .85rem; }
  th, td { padding: .3rem .4rem; }
  .article-text { font-size: 1rem; }
  table.tags thead { display: none; }
  table.tags, table.tags tbody, table.tags tr, table.tags td { display: block; width: 100%; }
  table.tags tr { border-bottom: 1px solid var(--line); padding: .4rem 0; }
  table.tags td { border: none; padding: .1rem 0; max-width: none; }
  table.tags td.num { text-align: left; font-weight: 600; }
  table.tags td.num::before { content: "Tag "; }
}
@media print { header.site nav, .filters, .download { display: none; } }
`;

/** Filters the embedded index (see pages/articles.ts); builds rows with textContent only. */
export const ARTICLES_JS = `(function () {
  "use strict";
  var PAGE = 200;
  var FIELDS = ["q", "outlet", "frame", "stance", "language", "from", "to"];
  var index = window.FRAMEWATCH_INDEX || { outlets: [], frames: [], rows: [] };
  var frameLabel = {};
  index.frames.forEach(function (f) { frameLabel[f[0]] = f[1]; });
  var form = document.getElementById("filters");
  var body = document.getElementById("article-rows");
  var counter = document.getElementById("result-count");
  var more = document.getElementById("more");
  if (!form || !body || !counter || !more) return;
  var shown = PAGE;
  var matches = [];
  function value(id) { var el = document.getElementById(id); return el ? el.value : ""; }
  function pathOf(row) { return row[7] || "articles/" + row[0].slice(0, 2).toLowerCase() + "/" + row[0] + ".html"; }
  function filter() {
    var q = value("f-q").toLowerCase().trim();
    var outlet = value("f-outlet");
    var frame = value("f-frame");
    var stance = value("f-stance");
    var language = value("f-language");
    var from = value("f-from");
    var to = value("f-to");
    matches = index.rows.filter(function (row) {
      var o = index.outlets[row[1]] || [];
      if (outlet && o[0] !== outlet) return false;
      if (language && row[3] !== language) return false;
      if (from && (!row[2] || row[2] < from)) return false;
      if (to && (!row[2] || row[2] > to)) return false;
      if (q && String(row[4]).toLowerCase().indexOf(q) < 0) return false;
      if (frame || stance) {
        var pairs = row[5] ? row[5].split(" ") : [];
        var ok = pairs.some(function (p) {
          var i = p.lastIndexOf(":");
          return (!frame || p.slice(0, i) === frame) && (!stance || p.slice(i + 1) === stance);
        });
        if (!ok) return false;
      }
      return true;
    });
    matches.sort(function (a, b) { return a[2] < b[2] ? 1 : a[2] > b[2] ? -1 : a[0] < b[0] ? -1 : 1; });
    shown = PAGE;
    render();
  }
  function cell(tr, text) { var td = document.createElement("td"); td.textContent = text; tr.appendChild(td); return td; }
  function render() {
    while (body.firstChild) body.removeChild(body.firstChild);
    var fragment = document.createDocumentFragment();
    matches.slice(0, shown).forEach(function (row) {
      var tr = document.createElement("tr");
      cell(tr, row[2] || "undated").className = "date";
      cell(tr, (index.outlets[row[1]] || [])[1] || "");
      var td = cell(tr, "");
      var a = document.createElement("a");
      a.href = pathOf(row);
      a.textContent = row[4] || "(untitled article)";
      td.appendChild(a);
      var frames = cell(tr, "");
      (row[5] ? row[5].split(" ") : []).forEach(function (p) {
        var i = p.lastIndexOf(":");
        var span = document.createElement("span");
        var s = p.slice(i + 1);
        span.className = "stance stance-" + s;
        span.textContent = (frameLabel[p.slice(0, i)] || p.slice(0, i)) + " (" + s + ")";
        frames.appendChild(span);
      });
      fragment.appendChild(tr);
    });
    body.appendChild(fragment);
    counter.textContent = matches.length + (matches.length === 1 ? " article" : " articles") + (matches.length > shown ? ", first " + shown + " shown" : "");
    more.hidden = matches.length <= shown;
  }
  function fromHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    FIELDS.forEach(function (k) { var el = document.getElementById("f-" + k); if (el) el.value = params.get(k) || ""; });
  }
  function toHash() {
    var params = new URLSearchParams();
    FIELDS.forEach(function (k) { var v = value("f-" + k); if (v) params.set(k, v); });
    var hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }
  form.addEventListener("input", function () { toHash(); filter(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  more.addEventListener("click", function () { shown += PAGE; render(); });
  window.addEventListener("hashchange", function () { fromHash(); filter(); });
  fromHash();
  filter();
})();
`;

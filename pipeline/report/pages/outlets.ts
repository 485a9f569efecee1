import { dataTable } from "../chart.ts";
import { coverageChart } from "../charts/coverage.ts";
import { formatFigure } from "../charts/figures.ts";
import type { HeatmapRow } from "../charts/frame-heatmap.ts";
import { frameStanceBars } from "../charts/frame-stance.ts";
import { sourceMixChart } from "../charts/sources.ts";
import { externalLink, html } from "../html.ts";
import { actorLabel, count, countryName, kindLabel, stanceLabel } from "../labels.ts";
import { page, rootOf } from "../layout.ts";
import { articlePath, evidenceAnchor, outletPath } from "../paths.ts";
import type { BuiltPage, SiteContext } from "../site.ts";
import type { OutletInfo, ReportData } from "../types.ts";
import type { ArticleIndexEntry } from "./articles.ts";
import { claimKindLabel } from "./claims.ts";
import { EVIDENCE_PAGE } from "./recognition.ts";

/** Outlets: an index of every outlet and one profile page per outlet. */

/** Most recent articles listed on an outlet page (the searchable list has them all). */
export const OUTLET_ARTICLES_SHOWN = 50;

export function outletsIndexPage(data: ReportData, ctx: SiteContext): BuiltPage {
  const path = "outlets.html";
  const rows = [...data.outlets].sort((a, b) => a.name.localeCompare(b.name));
  const body = html`
<p class="lede">Every outlet in the study, with where it is based and what kind of outlet it is. Follow a name for its profile.</p>
<div class="table-wrap"><table><caption>Outlets (${count(rows.length)})</caption>
<thead><tr><th scope="col">Outlet</th><th scope="col">Country</th><th scope="col">Kind</th><th scope="col">Languages</th><th scope="col">Articles</th><th scope="col">Published</th></tr></thead>
<tbody>${rows.map(
    (o) =>
      html`<tr><th scope="row"><a href="${outletPath(o.outletId)}">${o.name}</a></th><td>${countryName(o.country)}</td><td>${kindLabel(o.kind)}</td><td>${o.languages.join(", ")}</td><td class="num">${count(o.nArticles)}</td><td>${o.firstDay ? `${o.firstDay} – ${o.lastDay}` : "–"}</td></tr>`,
  )}</tbody></table></div>`;
  return { path, html: page({ path, title: "Outlets", study: ctx.study, body }) };
}

export function outletPage(
  outlet: OutletInfo,
  data: ReportData,
  ctx: SiteContext,
  articles: readonly ArticleIndexEntry[],
): BuiltPage {
  const path = outletPath(outlet.outletId);
  const root = rootOf(path);
  const slug = path.slice("outlets/".length, -".html".length);
  const frameRows: HeatmapRow[] = data.frameByOutlet
    .filter((r) => r.outletId === outlet.outletId && r.nArticles > 0)
    .map((r) => ({ ...r, row: outlet.name }));
  const recognitions = data.recognition.filter((r) => r.outlets.includes(outlet.outletId));
  const figures = data.figures.filter((f) => f.outletId === outlet.outletId);
  const failures = data.failures.filter((f) => f.outletId === outlet.outletId);
  const recent = [...articles]
    .sort((a, b) => (b.day ?? "").localeCompare(a.day ?? "") || a.id.localeCompare(b.id))
    .slice(0, OUTLET_ARTICLES_SHOWN);
  const body = html`
<dl class="facts">
<div><dt>Country</dt><dd>${countryName(outlet.country)}</dd></div>
<div><dt>Kind</dt><dd>${kindLabel(outlet.kind)}</dd></div>
<div><dt>Languages</dt><dd>${outlet.languages.join(", ") || "–"}</dd></div>
<div><dt>Ownership</dt><dd>${outlet.ownership ?? "not recorded"}</dd></div>
<div><dt>Homepage</dt><dd>${outlet.homepage ? externalLink(outlet.homepage, hostOf(outlet.homepage)) : "–"}</dd></div>
<div><dt>Articles</dt><dd>${count(outlet.nArticles)}</dd></div>
<div><dt>Published</dt><dd>${outlet.firstDay ? `${outlet.firstDay} to ${outlet.lastDay}` : "–"}</dd></div>
</dl>
<section aria-labelledby="o-frames"><h2 id="o-frames">Frames</h2>
${frameStanceBars({
  id: `outlet-${slug}-frames`,
  title: `Stance on each frame: ${outlet.name}`,
  reading:
    "Each bar splits the outlet's articles by the text's own stance on the frame; the bar's length is how often the frame is present.",
  rowLabel: "Outlet",
  rows: frameRows,
  study: ctx.study,
  root,
  files: ctx.files,
})}
</section>
<section aria-labelledby="o-coverage"><h2 id="o-coverage">Coverage over time</h2>
${coverageChart(
  data.coverage.filter((c) => c.outletId === outlet.outletId),
  [outlet],
  ctx.study,
  root,
  ctx.files,
  { id: `outlet-${slug}-coverage`, title: `Articles per week: ${outlet.name}` },
)}
</section>
<section aria-labelledby="o-sources"><h2 id="o-sources">Sources</h2>
${sourceMixChart(
  data.sourceMix.filter((s) => s.outletId === outlet.outletId),
  [outlet],
  root,
  ctx.files,
  { id: `outlet-${slug}-sources`, title: `Source types: ${outlet.name}` },
)}
</section>
<section aria-labelledby="o-recognition"><h2 id="o-recognition">Recognition statements it reported</h2>
${
  recognitions.length === 0
    ? html`<p>None.</p>`
    : html`<ul class="columns">${recognitions.map(
        (r) =>
          html`<li><a href="${root}${EVIDENCE_PAGE}#${evidenceAnchor(r.actor, r.stance)}">${actorLabel(r.actor, r.actorName)}: ${stanceLabel(r.stance)}</a></li>`,
      )}</ul>`
}
</section>
<section aria-labelledby="o-figures"><h2 id="o-figures">Figures it reported</h2>
${
  figures.length === 0
    ? html`<p>None.</p>`
    : dataTable(
        [
          { key: "kind", label: "Figure", value: (f: (typeof figures)[number]) => claimKindLabel(ctx, f.kind) },
          { key: "number", label: "Number", value: (f: (typeof figures)[number]) => formatFigure(f.number) },
          { key: "n_articles", label: "Articles", value: (f: (typeof figures)[number]) => f.nArticles },
          { key: "first_day", label: "First reported", value: (f: (typeof figures)[number]) => f.firstDay },
        ],
        figures,
      )
}
</section>
${
  failures.length > 0
    ? html`<section aria-labelledby="o-failures"><h2 id="o-failures">Failed fetches</h2>${dataTable(
        [
          {
            key: "status",
            label: "HTTP status",
            value: (f: (typeof failures)[number]) => (f.status === null ? "no response" : String(f.status)),
          },
          { key: "error", label: "Error", value: (f: (typeof failures)[number]) => f.error },
          { key: "n", label: "Fetches", value: (f: (typeof failures)[number]) => f.n },
        ],
        failures,
      )}</section>`
    : ""
}
<section aria-labelledby="o-articles"><h2 id="o-articles">Articles</h2>
<p>${recent.length < articles.length ? `The ${recent.length} most recent of ${count(articles.length)} articles. ` : ""}<a href="${root}articles.html#outlet=${encodeURIComponent(outlet.outletId)}">Search and filter all of this outlet's articles</a>.</p>
<ul class="article-list">${recent.map(
    (a) =>
      html`<li><time datetime="${a.day ?? ""}">${a.day ?? "undated"}</time> <a href="${root}${articlePath(a.id)}">${a.title || "(untitled article)"}</a></li>`,
  )}</ul>
</section>`;
  return {
    path,
    html: page({ path, title: outlet.name, study: ctx.study, body, section: "outlets.html" }),
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

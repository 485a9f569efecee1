import { figuresChart, formatFigure } from "../charts/figures.ts";
import { type Html, html } from "../html.ts";
import { count, humanize } from "../labels.ts";
import { page } from "../layout.ts";
import { articlePath } from "../paths.ts";
import { type BuiltPage, outletLink, type SiteContext } from "../site.ts";
import type { FigureRow, ReportData } from "../types.ts";

/**
 * Claims: for each key figure of the study (CNE result, opposition tally sheets, arrests, deaths, …) the numbers
 * each outlet reported, as a chart and as a side-by-side table outlet × figure kind.
 */

/** Numbers listed per table cell (the most repeated first); the CSV of each chart has them all. */
export const NUMBERS_PER_CELL = 6;

export function claimKindLabel(ctx: SiteContext, kind: string): string {
  return ctx.study.claimKinds[kind] ?? humanize(kind);
}

export function claimsPage(data: ReportData, ctx: SiteContext): BuiltPage {
  const path = "claims.html";
  const root = "";
  const known = Object.keys(ctx.study.claimKinds);
  const kinds = [...new Set(data.figures.map((f) => f.kind))].sort(
    (a, b) => rank(known, a) - rank(known, b) || a.localeCompare(b),
  );
  const outletIds = [...new Set(data.figures.map((f) => f.outletId))].sort((a, b) =>
    (ctx.outlets.get(a)?.name ?? a).localeCompare(ctx.outlets.get(b)?.name ?? b),
  );
  const cell = (outletId: string, kind: string): Html => {
    const rows = data.figures
      .filter((f) => f.outletId === outletId && f.kind === kind)
      .sort((a, b) => b.nArticles - a.nArticles || a.number - b.number);
    if (rows.length === 0) return html`<td class="nil"><span class="visually-hidden">none</span></td>`;
    return html`<td>${rows
      .slice(0, NUMBERS_PER_CELL)
      .map(
        (f: FigureRow, i) =>
          html`${i > 0 ? html`<br>` : ""}<a href="${articlePath(f.articleId)}" title="${f.evidence}">${formatFigure(f.number)}</a>${f.nArticles > 1 ? html` <small>×${f.nArticles}</small>` : ""}`,
      )}${rows.length > NUMBERS_PER_CELL ? html`<br><small>+${rows.length - NUMBERS_PER_CELL} more</small>` : ""}</td>`;
  };
  const table =
    kinds.length === 0
      ? html`<p class="empty">No claims with a key figure were tagged.</p>`
      : html`<div class="table-wrap"><table class="matrix"><caption>Numbers each outlet reported, by figure (×n: repeated in n articles; each number links to the first article that reported it)</caption>
<thead><tr><th scope="col">Outlet</th>${kinds.map((k) => html`<th scope="col">${claimKindLabel(ctx, k)}</th>`)}</tr></thead>
<tbody>${outletIds.map((o) => html`<tr><th scope="row">${outletLink(ctx, o, root)}</th>${kinds.map((k) => cell(o, k))}</tr>`)}</tbody>
</table></div>`;
  const body = html`
<p class="lede">Check-worthy figures as the articles state them: the official CNE result next to the opposition's tally sheets, numbers of arrests and deaths. framewatch records what each outlet reported, not which figure is true. A claim keeps every number of its sentence (dates and years left out), so a cell can hold numbers beside the figure itself: follow a number to read its sentence in context.</p>
<section aria-labelledby="side-by-side"><h2 id="side-by-side">Side by side</h2>
<p class="n">n = ${count(data.figures.reduce((a, f) => a + f.nArticles, 0))} number mentions in ${count(outletIds.length)} outlets, ${count(kinds.length)} kinds of figure</p>
${table}
</section>
<section aria-labelledby="by-kind"><h2 id="by-kind">Each figure</h2>
${kinds.map((k) => figuresChart(k, claimKindLabel(ctx, k), data.figures, data.outlets, root, ctx.files))}
</section>`;
  return { path, html: page({ path, title: "Claims", study: ctx.study, body }) };
}

function rank(known: string[], kind: string): number {
  const i = known.indexOf(kind);
  return i < 0 ? known.length : i;
}

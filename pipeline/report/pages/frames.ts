import { frameHeatmap, type HeatmapRow } from "../charts/frame-heatmap.ts";
import { frameStanceBars } from "../charts/frame-stance.ts";
import { frameKindTimeChart, frameStanceTimeChart } from "../charts/frame-time.ts";
import { html } from "../html.ts";
import { countryName, kindLabel } from "../labels.ts";
import { page } from "../layout.ts";
import { type BuiltPage, outletName, type SiteContext } from "../site.ts";
import type { ReportData } from "../types.ts";

/** Frames: outlets × frames (presence and stance), the same by outlet country and kind, and frames over time. */

export function framesPage(data: ReportData, ctx: SiteContext): BuiltPage {
  const path = "frames.html";
  const root = "";
  const outletRows: HeatmapRow[] = data.frameByOutlet
    .filter((r) => r.nArticles > 0)
    .map((r) => ({ ...r, row: outletName(ctx, r.outletId) }))
    .sort((a, b) => a.row.localeCompare(b.row));
  const countryRows: HeatmapRow[] = data.frameByGroup
    .filter((r) => r.groupBy === "country" && r.nArticles > 0)
    .map((r) => ({ ...r, row: countryName(r.groupValue) }))
    .sort((a, b) => a.row.localeCompare(b.row));
  const kindRows: HeatmapRow[] = data.frameByGroup
    .filter((r) => r.groupBy === "kind" && r.nArticles > 0)
    .map((r) => ({ ...r, row: kindLabel(r.groupValue) }))
    .sort((a, b) => a.row.localeCompare(b.row));
  const common = { study: ctx.study, root, files: ctx.files };
  const stanceReading =
    "In each panel a bar splits an outlet's articles by the text's own stance on the frame: endorsed (asserts it), reported (attributes it to others), rejected (argues against it); the bar's length is how often the frame is present.";
  const body = html`
<p class="lede">A frame is present when a passage of the article puts it forward, reports it or argues against it. The stance is the text's own voice, not that of the people it quotes. Frames of the study:</p>
<ul class="frame-defs">${ctx.study.frames.map((f) => html`<li><strong>${f.label}</strong>: ${f.description}</li>`)}</ul>
<section aria-labelledby="by-outlet"><h2 id="by-outlet">By outlet</h2>
${frameHeatmap({ ...common, id: "frames-by-outlet", title: "Frames present, by outlet", reading: "Each cell is the share of an outlet's articles in which the frame is present, whatever the stance.", rowLabel: "Outlet", rows: outletRows })}
${frameStanceBars({ ...common, id: "stance-by-outlet", title: "Stance on each frame, by outlet", reading: stanceReading, rowLabel: "Outlet", rows: outletRows })}
</section>
<section aria-labelledby="by-country"><h2 id="by-country">By outlet country</h2>
${frameStanceBars({ ...common, id: "stance-by-country", title: "Stance on each frame, by outlet country", reading: "Outlets grouped by the country they are based in; bars split each group's articles by stance.", rowLabel: "Country", rows: countryRows })}
</section>
<section aria-labelledby="by-kind"><h2 id="by-kind">By outlet kind</h2>
${frameStanceBars({ ...common, id: "stance-by-kind", title: "Stance on each frame, by outlet kind", reading: "Outlets grouped by kind (wire, state media, national paper, …); bars split each group's articles by stance.", rowLabel: "Outlet kind", rows: kindRows })}
</section>
<section aria-labelledby="over-time"><h2 id="over-time">Over time</h2>
${frameStanceTimeChart(data.frameByWeek, ctx.study, root, ctx.files)}
${frameKindTimeChart(data.frameByWeek, ctx.study, root, ctx.files)}
</section>`;
  return { path, html: page({ path, title: "Frames", study: ctx.study, body }) };
}

import { dataTable } from "../chart.ts";
import { articlesPerOutletChart } from "../charts/articles-per-outlet.ts";
import { coverageChart } from "../charts/coverage.ts";
import { frameHeatmap, type HeatmapRow } from "../charts/frame-heatmap.ts";
import type { Column } from "../csv.ts";
import { html } from "../html.ts";
import { count, countryName, kindLabel } from "../labels.ts";
import { page } from "../layout.ts";
import type { BuiltPage, SiteContext } from "../site.ts";
import { outletLink } from "../site.ts";
import type { CrawlRunRow, FailureSummaryRow, ReportData } from "../types.ts";

/** Overview: what was crawled, coverage over time, and the headline frame comparison by outlet kind. */

export const FAILURES_SHOWN = 20;

export function overviewPage(data: ReportData, ctx: SiteContext): BuiltPage {
  const path = "index.html";
  const root = "";
  const t = data.totals;
  const byCountry = groupCount(data.outlets.map((o) => countryName(o.country)));
  const byKind = groupCount(data.outlets.map((o) => kindLabel(o.kind)));
  const kindRows: HeatmapRow[] = data.frameByGroup
    .filter((r) => r.groupBy === "kind" && r.nArticles > 0)
    .map((r) => ({ ...r, row: kindLabel(r.groupValue) }));
  const runColumns: Column<CrawlRunRow>[] = [
    { key: "run_id", label: "Run", value: (r) => r.runId },
    { key: "kind", label: "Kind", value: (r) => r.kind },
    { key: "status", label: "Status", value: (r) => r.status },
    { key: "started_at", label: "Started (UTC)", value: (r) => r.startedAt?.replace("T", " ").slice(0, 19) },
    { key: "ended_at", label: "Ended (UTC)", value: (r) => r.endedAt?.replace("T", " ").slice(0, 19) },
    {
      key: "counts",
      label: "Counts",
      value: (r) =>
        Object.entries(r.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(", "),
    },
    { key: "n_errors", label: "Errors", value: (r) => r.nErrors },
  ];
  const failureColumns: Column<FailureSummaryRow>[] = [
    { key: "outlet_id", label: "Outlet", value: (r) => ctx.outlets.get(r.outletId)?.name ?? r.outletId },
    { key: "status", label: "HTTP status", value: (r) => (r.status === null ? "no response" : String(r.status)) },
    { key: "error", label: "Error", value: (r) => r.error },
    { key: "n", label: "Fetches", value: (r) => r.n },
  ];
  const body = html`
<p class="lede">${ctx.study.description ?? ""}</p>
<section aria-labelledby="crawled">
<h2 id="crawled">What was crawled</h2>
<dl class="facts">
<div><dt>Articles</dt><dd>${count(t.nArticles)}</dd></div>
<div><dt>Outlets</dt><dd>${count(data.outlets.length)}</dd></div>
<div><dt>Published</dt><dd>${t.firstDay ? html`<time datetime="${t.firstDay}">${t.firstDay}</time> to <time datetime="${t.lastDay ?? ""}">${t.lastDay ?? ""}</time>` : "no dated articles"}</dd></div>
<div><dt>Republished copies</dt><dd>${count(t.nDuplicates)}</dd></div>
<div><dt>Crawl runs</dt><dd>${count(data.runs.length)}</dd></div>
<div><dt>Failed fetches</dt><dd>${count(t.nFailures)}</dd></div>
</dl>
<p>Outlets by country: ${byCountry.map(([k, n], i) => html`${i > 0 ? ", " : ""}${k} (${n})`)}. By kind: ${byKind.map(
    ([k, n], i) => html`${i > 0 ? ", " : ""}${k} (${n})`,
  )}. Each outlet has its own page under <a href="outlets.html">Outlets</a>.</p>
${articlesPerOutletChart(data.outlets, root, ctx.files)}
${coverageChart(data.coverage, data.outlets, ctx.study, root, ctx.files)}
</section>
<section aria-labelledby="headline">
<h2 id="headline">Headline: how often each frame appears, by outlet kind</h2>
${frameHeatmap({
  id: "headline-frames-by-kind",
  title: "Frames present, by outlet kind",
  reading:
    "Each cell is the share of an outlet kind's articles in which the frame is present with any stance (endorsed, reported or rejected); see Frames for the stances.",
  rowLabel: "Outlet kind",
  rows: kindRows,
  study: ctx.study,
  root,
  files: ctx.files,
})}
<ul class="frame-defs">${ctx.study.frames.map((f) => html`<li><strong>${f.label}</strong>: ${f.description}</li>`)}</ul>
</section>
<section aria-labelledby="runs">
<h2 id="runs">Crawl runs and failures</h2>
${data.runs.length === 0 ? html`<p>No crawl runs were recorded (articles may have been ingested from files).</p>` : dataTable(runColumns, data.runs, "Crawl runs")}
${
  data.failures.length === 0
    ? html`<p>No failed fetches.</p>`
    : html`${dataTable(failureColumns, data.failures.slice(0, FAILURES_SHOWN), `Failed fetches, grouped by outlet and error (${count(t.nFailures)} in all)`)}
<p>Outlets with failures: ${[...new Set(data.failures.map((f) => f.outletId))].map((id, i) => html`${i > 0 ? ", " : ""}${outletLink(ctx, id, root)}`)}.</p>`
}
</section>`;
  return { path, html: page({ path, title: "Overview", study: ctx.study, body }) };
}

function groupCount(values: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

import { chartFigure, type SiteFile } from "../chart.ts";
import type { Column } from "../csv.ts";
import type { Html } from "../html.ts";
import { count } from "../labels.ts";
import { labelMargin, Plot, renderPlot } from "../plot.ts";
import type { FigureRow, OutletInfo } from "../types.ts";

/**
 * The numbers each outlet reported for one kind of key figure (e.g. the CNE result, arrests), side by side: one row
 * per outlet, one dot per distinct number, sized by how many articles repeat it. Figures spanning several orders of
 * magnitude (percentages next to vote counts) use a symlog axis so both stay readable.
 */

/** Max/min ratio above which the axis switches to symlog. */
export const SYMLOG_RATIO = 200;

const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const compact = (n: number) => COMPACT.format(n);

/** 0, 1, 10, 100, … up to the first power of ten at or above `max`: readable ticks on a symlog axis. */
export function powersOfTen(max: number): number[] {
  const ticks = [0];
  for (let p = 1; p <= Math.max(1, max) * 10 && ticks.length < 12; p *= 10) {
    ticks.push(p);
    if (p >= max) break;
  }
  return ticks;
}

export function formatFigure(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString("en-GB") : String(Math.round(n * 100) / 100);
}

export function figuresChart(
  kind: string,
  label: string,
  rows: readonly FigureRow[],
  outlets: readonly OutletInfo[],
  root: string,
  files: SiteFile[],
): Html {
  const names = new Map(outlets.map((o) => [o.outletId, o.name]));
  const data = rows.filter((r) => r.kind === kind).map((r) => ({ ...r, outlet: names.get(r.outletId) ?? r.outletId }));
  const outletOrder = [...new Set(data.map((d) => d.outlet))].sort((a, b) => a.localeCompare(b));
  const positive = data.map((d) => Math.abs(d.number)).filter((n) => n > 0);
  const spread = positive.length ? Math.max(...positive) / Math.min(...positive) : 1;
  const symlog = spread > SYMLOG_RATIO;
  const title = `Figures reported: ${label}`;
  const reading = `Each dot is a number an outlet reported for “${label}”; bigger dots are repeated in more articles; the axis starts at zero.`;
  const svg =
    data.length === 0
      ? null
      : renderPlot(
          {
            height: 50 + outletOrder.length * 26,
            marginLeft: labelMargin(outletOrder),
            marginRight: 30,
            x: symlog
              ? {
                  type: "symlog",
                  domain: [Math.min(0, ...data.map((d) => d.number)), powersOfTen(Math.max(...positive)).at(-1) ?? 1],
                  label: "number (log-like scale) →",
                  grid: true,
                  ticks: powersOfTen(Math.max(...positive)),
                  tickFormat: compact,
                }
              : { label: "number →", grid: true, zero: true, nice: true },
            y: { domain: outletOrder, label: null },
            r: { range: [3, 9] },
            marks: [
              Plot.dot(data, {
                x: "number",
                y: "outlet",
                r: "nArticles",
                fill: "#0072B2",
                fillOpacity: 0.7,
                stroke: "#023858",
                title: (d: (typeof data)[number]) =>
                  `${d.outlet}: ${formatFigure(d.number)} (in ${d.nArticles} articles, first ${d.firstDay ?? "undated"})`,
              }),
            ],
          },
          title,
          reading,
        );
  const columns: Column<(typeof data)[number]>[] = [
    { key: "outlet_id", label: "Outlet id", value: (d) => d.outletId },
    { key: "outlet_name", label: "Outlet", value: (d) => d.outlet },
    { key: "kind", label: "Kind", value: (d) => d.kind },
    { key: "number", label: "Number", value: (d) => d.number },
    { key: "n_articles", label: "Articles", value: (d) => d.nArticles },
    { key: "first_day", label: "First reported", value: (d) => d.firstDay },
    { key: "example_article", label: "Example article", value: (d) => d.articleId },
    { key: "evidence", label: "Evidence", value: (d) => d.evidence },
  ];
  return chartFigure(
    {
      id: `figures-${kind.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`,
      title,
      reading,
      n: `n = ${count(data.length)} distinct numbers from ${count(outletOrder.length)} outlets in ${count(data.reduce((a, d) => a + d.nArticles, 0))} article mentions`,
      svg,
      columns,
      rows: data,
    },
    root,
    files,
  );
}

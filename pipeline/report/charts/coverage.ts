import { chartFigure, type SiteFile, swatchLegend } from "../chart.ts";
import type { Column } from "../csv.ts";
import { type Html, html } from "../html.ts";
import { count, kindLabel } from "../labels.ts";
import { categoricalColors } from "../palette.ts";
import { countTicks, Plot, renderPlot } from "../plot.ts";
import type { CoverageRow, OutletInfo, StudyInfo } from "../types.ts";
import { eventKey, eventMarks, eventsBetween, utcDate } from "./events.ts";

/** Articles per week (Monday-based), stacked by outlet kind, with the study's key events marked. */

export function weekOf(day: string): string {
  const d = utcDate(day);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

export function coverageChart(
  coverage: readonly CoverageRow[],
  outlets: readonly OutletInfo[],
  study: StudyInfo,
  root: string,
  files: SiteFile[],
  options: { id?: string; title?: string } = {},
): Html {
  const kindOf = new Map(outlets.map((o) => [o.outletId, o.kind]));
  const byWeek = new Map<string, { week: string; kind: string; nArticles: number }>();
  for (const row of coverage) {
    const week = weekOf(row.day);
    const kind = kindOf.get(row.outletId) ?? "unknown";
    const key = `${week} ${kind}`;
    const entry = byWeek.get(key) ?? { week, kind, nArticles: 0 };
    entry.nArticles += row.nArticles;
    byWeek.set(key, entry);
  }
  const rows = [...byWeek.values()].sort((a, b) => a.week.localeCompare(b.week) || a.kind.localeCompare(b.kind));
  const kinds = [...new Set(rows.map((r) => r.kind))].sort();
  const colors = categoricalColors(kinds);
  const data = rows.map((r) => {
    const x1 = utcDate(r.week);
    const x2 = new Date(x1.getTime() + 7 * 86_400_000);
    return { ...r, x1, x2, kindLabel: kindLabel(r.kind) };
  });
  const days = coverage.map((c) => c.day).sort();
  const events = eventsBetween(study, days[0] ?? null, days[days.length - 1] ?? null);
  const total = rows.reduce((a, r) => a + r.nArticles, 0);
  const weekTotals = new Map<string, number>();
  for (const r of rows) weekTotals.set(r.week, (weekTotals.get(r.week) ?? 0) + r.nArticles);
  const maxWeek = Math.max(0, ...weekTotals.values());
  const title = options.title ?? "Coverage volume over time, by outlet kind";
  const reading = "Bars count the articles published each week (Monday to Sunday), stacked by the kind of outlet.";
  const svg =
    data.length === 0
      ? null
      : renderPlot(
          {
            height: 260,
            marginTop: 30,
            x: { type: "utc", label: null },
            y: { label: "articles per week ↑", grid: true, ...countTicks(maxWeek) },
            color: { domain: kinds.map(kindLabel), range: colors, legend: false },
            marks: [
              Plot.rectY(
                data,
                Plot.stackY({
                  x1: "x1",
                  x2: "x2",
                  y: "nArticles",
                  fill: "kindLabel",
                  inset: 0.5,
                  title: (d: (typeof data)[number]) => `${d.kindLabel}, week of ${d.week}: ${d.nArticles} articles`,
                }),
              ),
              ...eventMarks(events),
              Plot.ruleY([0]),
            ],
          },
          title,
          reading,
        );
  const legend = html`${swatchLegend(
    kinds.map((k, i) => ({ label: kindLabel(k), color: colors[i] ?? "#999" })),
    "Outlet kind",
  )}${eventKey(events)}`;
  const columns: Column<(typeof rows)[number]>[] = [
    { key: "week", label: "Week starting", value: (d) => d.week },
    { key: "outlet_kind", label: "Outlet kind", value: (d) => d.kind },
    { key: "n_articles", label: "Articles", value: (d) => d.nArticles },
  ];
  return chartFigure(
    {
      id: options.id ?? "coverage-over-time",
      title,
      reading,
      n: `n = ${count(total)} dated articles, ${count(new Set(rows.map((r) => r.week)).size)} weeks`,
      svg,
      legend,
      columns,
      rows,
      empty: "No dated articles yet.",
    },
    root,
    files,
  );
}

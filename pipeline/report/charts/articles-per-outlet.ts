import { chartFigure, type SiteFile, swatchLegend } from "../chart.ts";
import type { Column } from "../csv.ts";
import type { Html } from "../html.ts";
import { count, countryName, kindLabel } from "../labels.ts";
import { categoricalColors } from "../palette.ts";
import { countTicks, labelMargin, Plot, renderPlot } from "../plot.ts";
import type { OutletInfo } from "../types.ts";

/** How many articles (latest versions) each outlet contributed, coloured by outlet kind. */

export function articlesPerOutletChart(outlets: readonly OutletInfo[], root: string, files: SiteFile[]): Html {
  const rows = [...outlets].sort((a, b) => b.nArticles - a.nArticles || a.name.localeCompare(b.name));
  const kinds = [...new Set(rows.map((o) => o.kind))].sort();
  const colors = categoricalColors(kinds);
  const title = "Articles per outlet";
  const reading = "Each bar counts the on-topic articles kept for an outlet (latest version of each article).";
  const svg =
    rows.length === 0
      ? null
      : renderPlot(
          {
            height: 40 + rows.length * 22,
            marginLeft: labelMargin(rows.map((o) => o.name)),
            marginRight: 40,
            x: { label: "articles →", grid: true, ...countTicks(Math.max(0, ...rows.map((o) => o.nArticles))) },
            y: { domain: rows.map((o) => o.name), label: null },
            color: { domain: kinds.map(kindLabel), range: colors, legend: false },
            marks: [
              Plot.barX(rows, {
                x: "nArticles",
                y: "name",
                fill: (d: OutletInfo) => kindLabel(d.kind),
                title: (d: OutletInfo) =>
                  `${d.name} (${countryName(d.country)}, ${kindLabel(d.kind)}): ${d.nArticles} articles`,
              }),
              Plot.text(rows, {
                x: "nArticles",
                y: "name",
                text: (d: OutletInfo) => count(d.nArticles),
                dx: 4,
                textAnchor: "start",
              }),
              Plot.ruleX([0]),
            ],
          },
          title,
          reading,
        );
  const columns: Column<OutletInfo>[] = [
    { key: "outlet_id", label: "Outlet id", value: (o) => o.outletId },
    { key: "outlet_name", label: "Outlet", value: (o) => o.name },
    { key: "country", label: "Country", value: (o) => o.country },
    { key: "kind", label: "Kind", value: (o) => o.kind },
    { key: "n_articles", label: "Articles", value: (o) => o.nArticles },
    { key: "first_day", label: "First", value: (o) => o.firstDay },
    { key: "last_day", label: "Last", value: (o) => o.lastDay },
  ];
  return chartFigure(
    {
      id: "articles-per-outlet",
      title,
      reading,
      n: `n = ${count(rows.reduce((a, o) => a + o.nArticles, 0))} articles, ${count(rows.length)} outlets`,
      svg,
      legend: swatchLegend(
        kinds.map((k, i) => ({ label: kindLabel(k), color: colors[i] ?? "#999" })),
        "Outlet kind",
      ),
      columns,
      rows,
      empty: "No outlets in the database yet.",
    },
    root,
    files,
  );
}

import { chartFigure, type SiteFile, swatchLegend } from "../chart.ts";
import type { Column } from "../csv.ts";
import type { Html } from "../html.ts";
import { count, humanize, kindLabel, percent } from "../labels.ts";
import { CATEGORICAL } from "../palette.ts";
import { countTicks, labelMargin, Plot, renderPlot } from "../plot.ts";
import type { OutletInfo, SourceMixRow, TopSourceRow } from "../types.ts";

/** Who gets to speak: the mix of source types per outlet, and the most-quoted sources per outlet kind. */

/** The guideline's source types in a fixed order, so colours mean the same thing on every page. */
export const SOURCE_TYPES = [
  "venezuelan_government",
  "venezuelan_opposition",
  "foreign_government",
  "international_org",
  "election_observer",
  "media",
  "ngo_or_expert",
  "other",
  "anonymous",
];

export function sourceTypeColor(type: string): string {
  const i = SOURCE_TYPES.indexOf(type);
  return i < 0 ? "#bbbbbb" : (CATEGORICAL[i] ?? "#bbbbbb");
}

export function sourceMixChart(
  rows: readonly SourceMixRow[],
  outlets: readonly OutletInfo[],
  root: string,
  files: SiteFile[],
  options: { id?: string; title?: string } = {},
): Html {
  const names = new Map(outlets.map((o) => [o.outletId, o.name]));
  const types = [
    ...SOURCE_TYPES,
    ...[...new Set(rows.map((r) => r.type))].filter((t) => !SOURCE_TYPES.includes(t)).sort(),
  ];
  const present = types.filter((t) => rows.some((r) => r.type === t));
  const data = rows.map((r) => ({ ...r, outlet: names.get(r.outletId) ?? r.outletId, typeLabel: humanize(r.type) }));
  const outletOrder = [...new Set(data.map((d) => d.outlet))].sort((a, b) => a.localeCompare(b));
  const title = options.title ?? "Source types per outlet";
  const reading = "Each bar splits an outlet's named sources by type: whose voice the outlet's coverage carries.";
  const svg =
    data.length === 0
      ? null
      : renderPlot(
          {
            height: 50 + outletOrder.length * 24,
            marginLeft: labelMargin(outletOrder),
            marginRight: 20,
            x: { domain: [0, 1], label: "share of sources →", tickFormat: (d: number) => percent(d), grid: true },
            y: { domain: outletOrder, label: null },
            color: { domain: present.map(humanize), range: present.map(sourceTypeColor), legend: false },
            marks: [
              Plot.barX(data, {
                x: "share",
                y: "outlet",
                fill: "typeLabel",
                order: present.map(humanize),
                title: (d: (typeof data)[number]) =>
                  `${d.outlet}: ${d.typeLabel} ${d.nSources} sources in ${d.nArticles} articles (${percent(d.share)})`,
              }),
              Plot.ruleX([0]),
            ],
          },
          title,
          reading,
        );
  const columns: Column<(typeof data)[number]>[] = [
    { key: "outlet_id", label: "Outlet id", value: (d) => d.outletId },
    { key: "outlet_name", label: "Outlet", value: (d) => d.outlet },
    { key: "type", label: "Source type", value: (d) => d.type },
    { key: "n_sources", label: "Sources", value: (d) => d.nSources },
    { key: "n_articles", label: "Articles", value: (d) => d.nArticles },
    { key: "share", label: "Share", value: (d) => Math.round(d.share * 1000) / 1000 },
  ];
  return chartFigure(
    {
      id: options.id ?? "source-mix",
      title,
      reading,
      n: `n = ${count(rows.reduce((a, r) => a + r.nSources, 0))} source mentions, ${count(outletOrder.length)} outlets`,
      svg,
      legend: swatchLegend(
        present.map((t) => ({ label: humanize(t), color: sourceTypeColor(t) })),
        "Source type",
      ),
      columns,
      rows: data,
      empty: "No sources were tagged.",
    },
    root,
    files,
  );
}

/** Sources shown per outlet kind in the chart (the CSV keeps every ranked row loaded). */
export const TOP_SOURCES_SHOWN = 10;

export function topSourcesChart(kind: string, rows: readonly TopSourceRow[], root: string, files: SiteFile[]): Html {
  const top = rows
    .filter((r) => r.outletKind === kind)
    .sort((a, b) => a.rank - b.rank || b.nMentions - a.nMentions || a.name.localeCompare(b.name));
  const shown = top.slice(0, TOP_SOURCES_SHOWN);
  const title = `Most-quoted sources: ${kindLabel(kind)}`;
  const reading = `The named sources that outlets of this kind quote or cite most often, coloured by source type.`;
  const types = [...new Set(shown.map((r) => r.type))];
  const svg =
    shown.length === 0
      ? null
      : renderPlot(
          {
            height: 40 + shown.length * 22,
            marginLeft: labelMargin(shown.map((r) => r.name)),
            marginRight: 40,
            x: { label: "mentions →", grid: true, ...countTicks(Math.max(0, ...shown.map((r) => r.nMentions))) },
            y: { domain: shown.map((r) => r.name), label: null },
            color: { domain: types.map(humanize), range: types.map(sourceTypeColor), legend: false },
            marks: [
              Plot.barX(shown, {
                x: "nMentions",
                y: "name",
                fill: (d: TopSourceRow) => humanize(d.type),
                title: (d: TopSourceRow) =>
                  `${d.name} (${humanize(d.type)}): ${d.nMentions} mentions in ${d.nArticles} articles, ${d.nOutlets} outlets`,
              }),
              Plot.text(shown, {
                x: "nMentions",
                y: "name",
                text: (d: TopSourceRow) => String(d.nMentions),
                dx: 4,
                textAnchor: "start",
              }),
              Plot.ruleX([0]),
            ],
          },
          title,
          reading,
        );
  const columns: Column<TopSourceRow>[] = [
    { key: "rank", label: "Rank", value: (r) => r.rank },
    { key: "name", label: "Source", value: (r) => r.name },
    { key: "type", label: "Type", value: (r) => r.type },
    { key: "n_mentions", label: "Mentions", value: (r) => r.nMentions },
    { key: "n_articles", label: "Articles", value: (r) => r.nArticles },
    { key: "n_outlets", label: "Outlets", value: (r) => r.nOutlets },
  ];
  return chartFigure(
    {
      id: `top-sources-${kind.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`,
      title,
      reading,
      n: `n = ${count(top.reduce((a, r) => a + r.nMentions, 0))} mentions of the top ${count(top.length)} sources`,
      svg,
      legend: swatchLegend(types.map((t) => ({ label: humanize(t), color: sourceTypeColor(t) }))),
      columns,
      rows: top,
    },
    root,
    files,
  );
}

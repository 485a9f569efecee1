import { chartFigure, swatchLegend } from "../chart.ts";
import type { Column } from "../csv.ts";
import type { Html } from "../html.ts";
import { count, percent, pluralNoun, stanceLabel } from "../labels.ts";
import { FRAME_STANCES, STANCE_COLORS } from "../palette.ts";
import { labelMargin, Plot, renderPlot } from "../plot.ts";
import type { HeatmapOptions } from "./frame-heatmap.ts";

/**
 * For each frame (one panel each), each row's articles split by the stance the text takes on the frame: endorsed,
 * reported, rejected. Bars are shares of all the row's articles, so the bar length is how often the frame is present.
 */

const BAR_HEIGHT = 20;

/** Same inputs as the heatmap: the two charts draw the same rows (outlets or groups × frames) two ways. */
export type StanceBarsOptions = HeatmapOptions;

export function frameStanceBars(o: StanceBarsOptions): Html {
  const rowOrder = [...new Set(o.rows.map((r) => r.row))];
  const frameLabels = new Map(o.study.frames.map((f) => [f.id, f.label]));
  const frames = o.study.frames.map((f) => f.label);
  const long = o.rows.flatMap((r) =>
    FRAME_STANCES.map((stance) => {
      const n = stance === "endorsed" ? r.nEndorsed : stance === "reported" ? r.nReported : r.nRejected;
      return {
        row: r.row,
        frame: r.frame,
        frameLabel: frameLabels.get(r.frame) ?? r.frame,
        stance,
        n,
        nArticles: r.nArticles,
        share: r.nArticles > 0 ? n / r.nArticles : 0,
      };
    }),
  );
  const svg =
    o.rows.length === 0
      ? null
      : renderPlot(
          {
            height: 50 + frames.length * (rowOrder.length * BAR_HEIGHT + 30),
            marginLeft: rowOrder.length > 1 ? labelMargin(rowOrder) : 20,
            marginRight: 130,
            x: { domain: [0, 1], label: "share of articles →", tickFormat: (d: number) => percent(d), grid: true },
            // A single row (an outlet page) needs no row axis: the panels are the frames.
            y: { domain: rowOrder, label: null, axis: rowOrder.length > 1 ? "left" : null },
            fy: { domain: frames, label: null, padding: 0.12 },
            color: { domain: [...FRAME_STANCES], range: FRAME_STANCES.map((s) => STANCE_COLORS[s]), legend: false },
            marks: [
              Plot.frame({ stroke: "#ddd" }),
              Plot.barX(long, {
                x: "share",
                y: "row",
                fy: "frameLabel",
                fill: "stance",
                order: [...FRAME_STANCES],
                title: (d) =>
                  `${d.row} · ${d.frameLabel}: ${stanceLabel(d.stance)} in ${d.n} of ${d.nArticles} articles`,
              }),
              Plot.ruleX([0]),
            ],
          },
          o.title,
          o.reading,
        );
  const legend = swatchLegend(
    FRAME_STANCES.map((s) => ({ label: stanceLabel(s), color: STANCE_COLORS[s] })),
    "Stance of the text",
  );
  const columns: Column<(typeof long)[number]>[] = [
    { key: o.rowLabel.toLowerCase().replace(/\W+/g, "_"), label: o.rowLabel, value: (d) => d.row },
    { key: "frame", label: "Frame", value: (d) => d.frame },
    { key: "stance", label: "Stance", value: (d) => d.stance },
    { key: "n_articles_with_stance", label: "Articles with stance", value: (d) => d.n },
    { key: "n_articles", label: "Articles", value: (d) => d.nArticles },
    { key: "share", label: "Share", value: (d) => Math.round(d.share * 1000) / 1000 },
  ];
  const total = [...new Map(o.rows.map((r) => [r.row, r.nArticles])).values()].reduce((a, b) => a + b, 0);
  return chartFigure(
    {
      id: o.id,
      title: o.title,
      reading: o.reading,
      n: `n = ${count(total)} articles from ${pluralNoun(rowOrder.length, o.rowLabel.toLowerCase())}`,
      svg,
      legend,
      columns,
      rows: long,
      empty: "No tagged articles yet.",
    },
    o.root,
    o.files,
  );
}

import { chartFigure, type SiteFile, swatchLegend } from "../chart.ts";
import type { Column } from "../csv.ts";
import type { Html } from "../html.ts";
import { count, percent, pluralNoun } from "../labels.ts";
import { SEQUENTIAL_BLUES } from "../palette.ts";
import { labelMargin, Plot, renderPlot } from "../plot.ts";
import type { FrameCounts, StudyInfo } from "../types.ts";

/** Rows (outlets or outlet groups) × frames, each cell the share of the row's articles where the frame is present. */

export interface HeatmapRow extends FrameCounts {
  /** Row label as shown (outlet name, country name, kind label). */
  row: string;
}

/** Share thresholds of the colour steps (quantized, so the legend is discrete and needs no canvas). */
export const SHARE_THRESHOLDS = [0.1, 0.25, 0.5, 0.75];
const CELL_HEIGHT = 28;

export interface HeatmapOptions {
  id: string;
  title: string;
  reading: string;
  rowLabel: string;
  rows: readonly HeatmapRow[];
  study: StudyInfo;
  root: string;
  files: SiteFile[];
}

function frameLabel(study: StudyInfo, frame: string): string {
  return study.frames.find((f) => f.id === frame)?.label ?? frame;
}

export function frameHeatmap(o: HeatmapOptions): Html {
  const frames = o.study.frames.map((f) => f.label);
  const rowOrder = [...new Set(o.rows.map((r) => r.row))];
  const data = o.rows.map((r) => ({
    ...r,
    frameLabel: frameLabel(o.study, r.frame),
    share: r.nArticles > 0 ? r.nPresent / r.nArticles : 0,
  }));
  const svg =
    data.length === 0
      ? null
      : renderPlot(
          {
            height: 60 + rowOrder.length * CELL_HEIGHT,
            marginLeft: labelMargin(rowOrder),
            marginTop: 40,
            padding: 0.06,
            x: { domain: frames, axis: "top", label: null, tickFormat: (d: string) => d },
            y: { domain: rowOrder, label: null },
            color: { type: "threshold", domain: SHARE_THRESHOLDS, range: SEQUENTIAL_BLUES, legend: false },
            marks: [
              Plot.cell(data, {
                x: "frameLabel",
                y: "row",
                fill: "share",
                stroke: "#ccc",
                title: (d) =>
                  `${d.row} · ${d.frameLabel}: ${d.nPresent} of ${d.nArticles} articles (${percent(d.share)})`,
              }),
              Plot.text(data, {
                x: "frameLabel",
                y: "row",
                text: (d) => (d.nArticles > 0 ? percent(d.share) : "–"),
                fill: (d) => (d.share >= 0.5 ? "white" : "#222"),
              }),
            ],
          },
          o.title,
          o.reading,
        );
  const legend = swatchLegend(
    SEQUENTIAL_BLUES.map((color, i) => {
      const lo = i === 0 ? 0 : (SHARE_THRESHOLDS[i - 1] ?? 0);
      const hi = SHARE_THRESHOLDS[i];
      return { color, label: hi === undefined ? `≥ ${percent(lo)}` : `${percent(lo)}–${percent(hi)}` };
    }),
    "Share of articles with the frame",
  );
  const columns: Column<(typeof data)[number]>[] = [
    { key: o.rowLabel.toLowerCase().replace(/\W+/g, "_"), label: o.rowLabel, value: (d) => d.row },
    { key: "frame", label: "Frame", value: (d) => d.frame },
    { key: "n_articles", label: "Articles", value: (d) => d.nArticles },
    { key: "n_present", label: "Frame present", value: (d) => d.nPresent },
    { key: "n_endorsed", label: "Endorsed", value: (d) => d.nEndorsed },
    { key: "n_reported", label: "Reported", value: (d) => d.nReported },
    { key: "n_rejected", label: "Rejected", value: (d) => d.nRejected },
    { key: "share_present", label: "Share present", value: (d) => Math.round(d.share * 1000) / 1000 },
  ];
  const nArticles = new Map(o.rows.map((r) => [r.row, r.nArticles]));
  const total = [...nArticles.values()].reduce((a, b) => a + b, 0);
  return chartFigure(
    {
      id: o.id,
      title: o.title,
      reading: o.reading,
      n: `n = ${count(total)} articles from ${pluralNoun(rowOrder.length, o.rowLabel.toLowerCase())}, ${frames.length} frames`,
      svg,
      legend,
      columns,
      rows: data,
      empty: "No tagged articles yet.",
    },
    o.root,
    o.files,
  );
}

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { SiteFile } from "../pipeline/report/chart.ts";
import { articlesPerOutletChart } from "../pipeline/report/charts/articles-per-outlet.ts";
import { coverageChart } from "../pipeline/report/charts/coverage.ts";
import { figuresChart } from "../pipeline/report/charts/figures.ts";
import { frameHeatmap } from "../pipeline/report/charts/frame-heatmap.ts";
import { frameStanceBars } from "../pipeline/report/charts/frame-stance.ts";
import { frameStanceTimeChart } from "../pipeline/report/charts/frame-time.ts";
import { recognitionMap } from "../pipeline/report/charts/recognition-map.ts";
import { sourceMixChart, topSourcesChart } from "../pipeline/report/charts/sources.ts";
import type { Html } from "../pipeline/report/html.ts";
import type { ReportData, StudyInfo } from "../pipeline/report/types.ts";

/**
 * Golden SVGs, as Plot's own test suite keeps them: each chart of the small fixture is rendered, normalised (numbers
 * rounded to 2 decimals, one element per line) and compared with test/output/<name>.svg. On a mismatch the new
 * rendering is written beside it as <name>-changed.svg; a missing golden is written locally but fails under CI=true.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUTPUT = join(ROOT, "test/output");
const FIXTURE = join(ROOT, "test/fixtures/report/small");
const data = JSON.parse(readFileSync(join(FIXTURE, "report-data.json"), "utf8")) as ReportData;
const study = JSON.parse(readFileSync(join(FIXTURE, "study.json"), "utf8")) as StudyInfo;

function normaliseSvg(svg: string): string {
  return `${svg
    .replace(/-?\d+\.\d{3,}/g, (n) => String(Math.round(Number(n) * 100) / 100))
    .replace(/></g, ">\n<")
    .trim()}\n`;
}

/** The first <svg>…</svg> of a figure (the chart; legends are HTML). */
function chartSvg(figure: Html): string {
  const match = /<svg[^>]*class="plot-[\s\S]*?<\/svg>/.exec(figure.value);
  if (!match) throw new Error("figure has no Plot SVG");
  return match[0];
}

function assertGolden(name: string, svg: string): void {
  mkdirSync(OUTPUT, { recursive: true });
  const expectedPath = join(OUTPUT, `${name}.svg`);
  const changedPath = join(OUTPUT, `${name}-changed.svg`);
  const actual = normaliseSvg(svg);
  if (!existsSync(expectedPath)) {
    if (process.env.CI === "true")
      throw new Error(`missing golden ${expectedPath} (run the test locally to create it)`);
    writeFileSync(expectedPath, actual);
    return;
  }
  const expected = readFileSync(expectedPath, "utf8");
  if (expected === actual) {
    rmSync(changedPath, { force: true });
    return;
  }
  writeFileSync(changedPath, actual);
  expect.fail(`${name}.svg differs from its golden; see ${changedPath}`);
}

const files: SiteFile[] = [];
const rows = (groupBy: "kind" | "country") =>
  data.frameByGroup.filter((r) => r.groupBy === groupBy).map((r) => ({ ...r, row: r.groupValue }));
const byOutlet = data.frameByOutlet.map((r) => ({
  ...r,
  row: data.outlets.find((o) => o.outletId === r.outletId)?.name ?? "",
}));

const charts: Record<string, () => Html> = {
  "report-articles-per-outlet": () => articlesPerOutletChart(data.outlets, "", files),
  "report-coverage": () => coverageChart(data.coverage, data.outlets, study, "", files),
  "report-frame-heatmap-kind": () =>
    frameHeatmap({
      id: "h",
      title: "Frames by kind",
      reading: "r",
      rowLabel: "Outlet kind",
      rows: rows("kind"),
      study,
      root: "",
      files,
    }),
  "report-frame-stance-outlet": () =>
    frameStanceBars({
      id: "s",
      title: "Stance by outlet",
      reading: "r",
      rowLabel: "Outlet",
      rows: byOutlet,
      study,
      root: "",
      files,
    }),
  "report-frames-over-time": () => frameStanceTimeChart(data.frameByWeek, study, "", files),
  "report-recognition-map": () => recognitionMap(data.recognition, "", files),
  "report-source-mix": () => sourceMixChart(data.sourceMix, data.outlets, "", files),
  "report-top-sources-state-media": () => topSourcesChart("state_media", data.topSources, "", files),
  "report-figures-arrests": () => figuresChart("arrests", "Arrests", data.figures, data.outlets, "", files),
  "report-figures-result-cne": () => figuresChart("result_cne", "CNE result", data.figures, data.outlets, "", files),
};

describe("chart golden SVGs", () => {
  for (const [name, build] of Object.entries(charts)) {
    it(name, () => {
      const figure = build();
      const svg = chartSvg(figure);
      expect(svg).toMatch(/^<svg[^>]* aria-label="[^"]+"/);
      expect(svg).toContain('role="img"');
      expect(svg).not.toMatch(/<script|<img/);
      assertGolden(name, svg);
    });
  }

  it("escapes injected names inside the SVG", () => {
    const svg = chartSvg(charts["report-top-sources-state-media"]?.() as Html);
    expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("gives every figure a title, a reading, counts, a data table and a CSV", () => {
    const before = files.length;
    const figure = sourceMixChart(data.sourceMix, data.outlets, "../", files).value;
    expect(figure).toMatch(/<h3 id="source-mix-title">Source types per outlet<\/h3>/);
    expect(figure).toContain('<p class="reading">');
    expect(figure).toContain('<p class="n">n = 23 source mentions, 3 outlets</p>');
    expect(figure).toContain("<table>");
    expect(figure).toContain('href="../data/source-mix.csv"');
    expect(files.length).toBe(before + 1);
    expect(files[files.length - 1]?.content.split("\n")[0]).toBe(
      "outlet_id,outlet_name,type,n_sources,n_articles,share",
    );
  });
});

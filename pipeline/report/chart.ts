import { type Column, toCsv } from "./csv.ts";
import { type Html, html } from "./html.ts";
import { count } from "./labels.ts";

/**
 * Every chart of the report is a figure with a title, a one-line reading of what it shows, its counts (n), the SVG,
 * a legend, and the numbers behind it: a data table (first rows) and a CSV download of all rows.
 */

/** A file the site writes besides its pages (CSV downloads, the article index). Paths are relative to the site root. */
export interface SiteFile {
  path: string;
  content: string;
}

export interface ChartSpec<Row> {
  /** Unique in the site: used for the anchor and the CSV file name. */
  id: string;
  title: string;
  /** One sentence saying how to read the chart. */
  reading: string;
  /** What was counted, e.g. "n = 73 articles, 10 outlets". */
  n: string;
  /** The chart (SVG), or null when there is nothing to draw (the empty message is shown instead). */
  svg: Html | null;
  legend?: Html;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  /** Message when `rows` is empty. */
  empty?: string;
}

/** Rows shown in the inline data table; the CSV always has all rows. */
export const TABLE_ROW_LIMIT = 300;

/** Renders a chart figure and adds its CSV to `files`; `root` is the relative path from the page to the site root. */
export function chartFigure<Row>(spec: ChartSpec<Row>, root: string, files: SiteFile[]): Html {
  const csvPath = `data/${spec.id}.csv`;
  files.push({ path: csvPath, content: toCsv(spec.columns, spec.rows) });
  const shown = spec.rows.slice(0, TABLE_ROW_LIMIT);
  const body =
    spec.rows.length === 0 || spec.svg === null
      ? html`<p class="empty">${spec.empty ?? "No data for this chart yet."}</p>`
      : html`<div class="chart">${spec.svg}</div>${spec.legend ?? ""}`;
  return html`<figure class="figure" id="${spec.id}" aria-labelledby="${spec.id}-title">
<h3 id="${spec.id}-title">${spec.title}</h3>
<p class="reading">${spec.reading}</p>
<p class="n">${spec.n}</p>
${body}
<details class="data">
<summary>Data table (${count(spec.rows.length)} rows)${spec.rows.length > shown.length ? `, first ${count(shown.length)} shown` : ""}</summary>
${dataTable(spec.columns, shown)}
</details>
<p class="download"><a href="${root}${csvPath}" download>Download CSV</a></p>
</figure>`;
}

/** A plain HTML table of rows (escaped). Numbers are right-aligned. */
export function dataTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[], caption?: string): Html {
  return html`<div class="table-wrap"><table>${caption ? html`<caption>${caption}</caption>` : ""}<thead><tr>${columns.map(
    (c) => html`<th scope="col">${c.label}</th>`,
  )}</tr></thead><tbody>${rows.map(
    (row) =>
      html`<tr>${columns.map((c) => {
        const v = c.value(row);
        return typeof v === "number" ? html`<td class="num">${formatNumber(v)}</td>` : html`<td>${v ?? ""}</td>`;
      })}</tr>`,
  )}</tbody></table></div>`;
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return count(v);
  return String(Math.round(v * 1000) / 1000);
}

/** An HTML legend of colour swatches (our own, so it needs no canvas and reads well at any width). */
export function swatchLegend(entries: readonly { label: string; color: string }[], title?: string): Html {
  return html`<div class="legend" role="list" aria-label="${title ?? "Legend"}">${title ? html`<span class="legend-title">${title}</span>` : ""}${entries.map(
    (e) =>
      html`<span class="swatch" role="listitem"><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" fill="${e.color}" stroke="#555" stroke-width="0.5"/></svg>${e.label}</span>`,
  )}</div>`;
}

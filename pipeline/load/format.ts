import type { QueryResult } from "./db.ts";

/** Query results as text for `framewatch sql`: an aligned table, CSV (RFC 4180), JSON or a Markdown table. */

export const OUTPUT_FORMATS = ["table", "csv", "json", "markdown"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Widest cell shown in `table` output before it is cut with "…" (other formats never cut). */
export const TABLE_MAX_CELL = 60;

export function formatResult(result: QueryResult, format: OutputFormat): string {
  switch (format) {
    case "csv":
      return toCsv(result);
    case "json":
      return `${JSON.stringify(result.rows, null, 2)}\n`;
    case "markdown":
      return toMarkdown(result);
    default:
      return toTable(result);
  }
}

/** A cell as one line of text: NULL as empty, lists/objects as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function toCsv({ columns, rows }: QueryResult): string {
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = [columns.map((c) => quote(c.name)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => quote(cellText(row[c.name]))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

function toMarkdown({ columns, rows }: QueryResult): string {
  const esc = (s: string) => s.replaceAll("|", "\\|").replace(/\r?\n/g, " ");
  const lines = [`| ${columns.map((c) => esc(c.name)).join(" | ")} |`, `|${columns.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${columns.map((c) => esc(cellText(row[c.name]))).join(" | ")} |`);
  return `${lines.join("\n")}\n`;
}

function toTable({ columns, rows }: QueryResult): string {
  const cut = (s: string) => {
    const flat = s.replace(/\s+/g, " ");
    return flat.length > TABLE_MAX_CELL ? `${flat.slice(0, TABLE_MAX_CELL - 1)}…` : flat;
  };
  const cells = rows.map((row) => columns.map((c) => cut(cellText(row[c.name]))));
  const widths = columns.map((c, i) => Math.max(c.name.length, ...cells.map((r) => (r[i] as string).length)));
  const numeric = columns.map((c) => /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|DOUBLE|FLOAT|DECIMAL)/.test(c.type));
  const pad = (s: string, i: number) => (numeric[i] ? s.padStart(widths[i] as number) : s.padEnd(widths[i] as number));
  const lines = [
    columns.map((c, i) => pad(c.name, i)).join("  "),
    widths.map((w) => "─".repeat(w)).join("  "),
    ...cells.map((r) => r.map(pad).join("  ")),
    `(${rows.length} row${rows.length === 1 ? "" : "s"})`,
  ];
  return `${lines.map((l) => l.trimEnd()).join("\n")}\n`;
}

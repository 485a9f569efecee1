import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { type Progress, silentProgress } from "../../core/progress.ts";
import { DEFAULT_LOCK_WAIT_MS, type DuckDatabase, openDatabase } from "./db.ts";

/**
 * `framewatch export`: snapshots of the tables and views as Parquet (Hive-partitioned by outlet and month), CSV or
 * JSON lines, which DuckDB, Polars, Spark or pandas read with no lock on the database file. The snapshot is written
 * to a temp folder next to the target and swapped in by rename, so readers never see half an export.
 */

export const EXPORT_FORMATS = ["parquet", "csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  out: string;
  /** Only articles (and their versions and tags) published on or after this day (YYYY-MM-DD); captures fetched since. */
  since?: string;
  waitMs?: number;
  progress?: Progress;
}

export interface ExportedDataset {
  /** Folder (partitioned) or file, relative to the export root. */
  path: string;
  rows: number;
  partitionedBy: string[];
}

export interface ExportManifest {
  format: ExportFormat;
  since: string | null;
  database: string;
  exportedAt: string;
  datasets: Record<string, ExportedDataset>;
}

/** A dataset of the export: the rows to write and how to split them. `$since` is bound, NULL for everything. */
interface Dataset {
  name: string;
  sql: string;
  partitionBy?: string[];
}

const MONTH = "coalesce(strftime(av.published_date, '%Y-%m'), 'unknown')";
const SINCE_ARTICLE = "($since IS NULL OR av.published_date >= CAST($since AS DATE))";

/** Tag tables carry the outlet and month of their version so they partition like the articles. */
const tagDataset = (table: string, order: string): Dataset => ({
  name: table,
  sql: `SELECT t.*, coalesce(av.outlet_id, 'unknown') AS outlet_id, ${MONTH} AS month
        FROM ${table} t LEFT JOIN article_versions av ON av.version_id = t.version_id
        WHERE ${SINCE_ARTICLE} ORDER BY ${order}`,
  partitionBy: ["outlet_id", "month"],
});

export const DATASETS: Dataset[] = [
  { name: "outlets", sql: "SELECT * FROM outlets ORDER BY outlet_id" },
  { name: "codebook_frames", sql: "SELECT * FROM codebook_frames ORDER BY position" },
  { name: "events", sql: "SELECT * FROM events ORDER BY date, id" },
  { name: "crawl_runs", sql: "SELECT * FROM crawl_runs ORDER BY started_at, run_id" },
  {
    name: "articles",
    sql: `SELECT a.*, o.name AS outlet_name, o.country AS outlet_country, o.kind AS outlet_kind, ${MONTH} AS month
          FROM articles a JOIN article_versions av ON av.version_id = a.latest_version_id
          LEFT JOIN outlets o ON o.outlet_id = a.outlet_id
          WHERE ${SINCE_ARTICLE} ORDER BY a.outlet_id, a.published_at, a.id`,
    partitionBy: ["outlet_id", "month"],
  },
  {
    name: "article_versions",
    sql: `SELECT av.*, ${MONTH} AS month FROM article_versions av WHERE ${SINCE_ARTICLE}
          ORDER BY av.outlet_id, av.article_id, av.fetched_at, av.version_id`,
    partitionBy: ["outlet_id", "month"],
  },
  tagDataset("tagged_versions", "t.version_id"),
  tagDataset("article_frames", "t.version_id, t.frame"),
  tagDataset("frame_evidence", "t.version_id, t.frame, t.start_offset"),
  tagDataset("recognitions", "t.version_id, t.start_offset, t.actor"),
  tagDataset("sources", "t.version_id, t.start_offset, t.name"),
  tagDataset("claims", "t.version_id, t.claim_no"),
  {
    name: "captures",
    sql: `SELECT * FROM captures WHERE $since IS NULL OR fetched_at >= CAST($since AS TIMESTAMPTZ)
          ORDER BY outlet_id, fetched_at, capture_id`,
    partitionBy: ["outlet_id"],
  },
  { name: "extract_skips", sql: "SELECT * FROM extract_skips ORDER BY outlet_id, capture_id" },
];

/** The analysis views, exported whole (one file each under views/) for notebooks and other engines. */
export const EXPORTED_VIEWS = [
  "v_articles",
  "v_frames",
  "frame_share_by_outlet",
  "frame_share_by_group",
  "frame_share_by_week",
  "recognition_matrix",
  "recognition_evidence",
  "source_mix_by_outlet",
  "top_sources",
  "reported_figures",
  "coverage_daily",
  "crawl_failures",
  "article_edits",
] as const;

const EXTENSION: Record<ExportFormat, string> = { parquet: "parquet", csv: "csv", jsonl: "jsonl" };
const COPY_OPTIONS: Record<ExportFormat, string> = {
  parquet: "FORMAT parquet, COMPRESSION zstd",
  csv: "FORMAT csv, HEADER true",
  jsonl: "FORMAT json",
};
const MANIFEST = "manifest.json";

/** Exports the database at `dbPath` (opened read-only, with retry) to `options.out`; returns the manifest written. */
export async function runExport(dbPath: string, options: ExportOptions): Promise<ExportManifest> {
  const progress = options.progress ?? silentProgress;
  const out = resolve(options.out);
  if (options.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.since)) {
    throw new Error(`--since must be a date as YYYY-MM-DD, got "${options.since}"`);
  }
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, MANIFEST))) {
    throw new Error(`${out} exists and is not a framewatch export (no ${MANIFEST}); choose an empty or new folder`);
  }
  mkdirSync(dirname(out), { recursive: true });
  const tmp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, "views"), { recursive: true });
  const manifest: ExportManifest = {
    format: options.format,
    since: options.since ?? null,
    database: resolve(dbPath),
    exportedAt: new Date().toISOString(),
    datasets: {},
  };
  progress.start("export", DATASETS.length + EXPORTED_VIEWS.length);
  const db = (await openDatabase(dbPath, {
    readOnly: true,
    waitMs: options.waitMs ?? DEFAULT_LOCK_WAIT_MS,
  })) as DuckDatabase;
  try {
    const since = options.since ?? null;
    for (const dataset of DATASETS) {
      manifest.datasets[dataset.name] = await copy(db, tmp, dataset, options.format, since);
      progress.tick(1, dataset.name);
    }
    for (const view of EXPORTED_VIEWS) {
      manifest.datasets[`views/${view}`] = await copy(
        db,
        tmp,
        { name: `views/${view}`, sql: `SELECT * FROM ${view}` },
        options.format,
        null,
      );
      progress.tick(1, view);
    }
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  } finally {
    db.close();
  }
  writeFileSync(join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  swapIn(tmp, out);
  progress.end(`${Object.keys(manifest.datasets).length} datasets → ${out}`);
  return manifest;
}

async function copy(
  db: DuckDatabase,
  root: string,
  dataset: Dataset,
  format: ExportFormat,
  since: string | null,
): Promise<ExportedDataset> {
  const usesSince = dataset.sql.includes("$since");
  const params: Record<string, unknown> = usesSince ? { since } : {};
  const [count] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM (${dataset.sql})`, params);
  const rows = count?.n ?? 0;
  const partitionBy = dataset.partitionBy ?? [];
  if (partitionBy.length > 0) {
    const target = join(root, dataset.name);
    // An empty dataset still gets its folder, so globs over it find "no rows" rather than "no such path".
    mkdirSync(target, { recursive: true });
    if (rows > 0 && format === "jsonl") {
      await copyPartitionsByHand(db, target, dataset.sql, partitionBy, params);
    } else if (rows > 0) {
      await db.run(
        `COPY (${dataset.sql}) TO $target (${COPY_OPTIONS[format]}, PARTITION_BY (${partitionBy.join(", ")}), OVERWRITE_OR_IGNORE true, FILENAME_PATTERN 'part_{i}')`,
        { ...params, target },
      );
    }
    return { path: dataset.name, rows, partitionedBy: partitionBy };
  }
  const file = `${dataset.name}.${EXTENSION[format]}`;
  await db.run(`COPY (${dataset.sql}) TO $target (${COPY_OPTIONS[format]})`, { ...params, target: join(root, file) });
  return { path: file, rows, partitionedBy: [] };
}

/**
 * DuckDB's JSON writer has no PARTITION_BY, so JSON lines are split by hand into the same Hive layout
 * (`col=value/part_0.jsonl`); partition values are bound as parameters.
 */
async function copyPartitionsByHand(
  db: DuckDatabase,
  target: string,
  sql: string,
  partitionBy: string[],
  params: Record<string, unknown>,
): Promise<void> {
  const parts = await db.query<Record<string, string>>(
    `SELECT DISTINCT ${partitionBy.join(", ")} FROM (${sql})`,
    params,
  );
  for (const part of parts) {
    const dir = join(target, ...partitionBy.map((c) => `${c}=${part[c]}`));
    mkdirSync(dir, { recursive: true });
    const where = partitionBy.map((c, i) => `${c} = $p${i}`).join(" AND ");
    const values = Object.fromEntries(partitionBy.map((c, i) => [`p${i}`, part[c]]));
    await db.run(
      `COPY (SELECT * EXCLUDE (${partitionBy.join(", ")}) FROM (${sql}) WHERE ${where}) TO $file (${COPY_OPTIONS.jsonl})`,
      { ...params, ...values, file: join(dir, "part_0.jsonl") },
    );
  }
}

/** Replaces `out` by `tmp` with renames (the old export is removed only once the new one is in place). */
function swapIn(tmp: string, out: string): void {
  const old = `${out}.old-${process.pid}`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
}

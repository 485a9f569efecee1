import { join, resolve } from "node:path";
import { type Progress, silentProgress } from "../../core/progress.ts";
import type { Registry } from "../../crawlers/registry/schema.ts";
import type { LoadedCodebook } from "../codebook/index.ts";
import { DEFAULT_LOCK_WAIT_MS, type DuckDatabase, openDatabase } from "./db.ts";
import { DELETE_TOUCHED_ARTICLES, REFRESH_ARTICLES } from "./ledgers.ts";
import { upsertReference } from "./reference.ts";
import { addCount, type LoadSummary, type TableCount } from "./summary.ts";

/**
 * `framewatch load --from-parquet DIR…`: loads Parquet exports (e.g. one per shard of a sharded ingest) into one
 * database, so reports can cover the union. Keys make it idempotent and merge overlapping shards: a version, capture or
 * skip already present is not inserted again, and the tags of a version come from one export only.
 */

/** Datasets with a unique key, in load order (versions before tags). */
const KEYED: Array<{ table: string; key: string; partitioned: boolean }> = [
  { table: "captures", key: "capture_id", partitioned: true },
  { table: "extract_skips", key: "capture_id", partitioned: false },
  { table: "article_versions", key: "version_id", partitioned: true },
];
const TAG_CHILDREN = ["article_frames", "frame_evidence", "recognitions", "sources", "claims"];

export interface FromParquetOptions {
  registry: Registry;
  codebook: LoadedCodebook;
  waitMs?: number;
  progress?: Progress;
}

/** Loads the export folders `dirs` into the database at `dbPath` in one transaction. */
export async function loadFromParquet(
  dbPath: string,
  dirs: string[],
  options: FromParquetOptions,
): Promise<LoadSummary> {
  const progress = options.progress ?? silentProgress;
  const summary: LoadSummary = {
    tables: {},
    ledgers: {},
    rejects: [],
    transactions: 1,
    lockHeldMs: { longest: 0, total: 0 },
  };
  const roots = dirs.map((d) => resolve(d));
  progress.start("load", KEYED.length + TAG_CHILDREN.length + 2);
  const db = (await openDatabase(dbPath, { waitMs: options.waitMs ?? DEFAULT_LOCK_WAIT_MS })) as DuckDatabase;
  const started = performance.now();
  try {
    await db.transaction(async () => {
      for (const [table, count] of Object.entries(await upsertReference(db, options.registry, options.codebook))) {
        addCount(summary.tables, table, count);
      }
      const runs = await source(db, roots, "crawl_runs", false);
      if (runs) {
        // The most complete line of each run wins (ended before running).
        const [row] = await db.query<{ fresh: number; all: number }>(
          `SELECT count(DISTINCT run_id) FILTER (WHERE run_id NOT IN (SELECT run_id FROM crawl_runs)) AS fresh,
             count(DISTINCT run_id) AS all FROM ${runs}`,
        );
        await db.run(
          `INSERT OR REPLACE INTO crawl_runs BY NAME SELECT ${await columns(db, "crawl_runs")} FROM ${runs}
           QUALIFY row_number() OVER (PARTITION BY run_id ORDER BY ended_at DESC NULLS LAST) = 1`,
        );
        addCount(summary.tables, "crawl_runs", {
          inserted: row?.fresh ?? 0,
          present: (row?.all ?? 0) - (row?.fresh ?? 0),
        });
      }
      progress.tick(1, "crawl_runs");
      for (const { table, key, partitioned } of KEYED) {
        const from = await source(db, roots, table, partitioned);
        if (from) addCount(summary.tables, table, await insertNewByKey(db, table, key, from));
        progress.tick(1, table);
      }
      // Articles: one row per article from all its versions now present.
      await db.run(
        "CREATE OR REPLACE TEMP TABLE stage_article_versions AS SELECT DISTINCT article_id FROM article_versions",
      );
      const [before] = await db.query<{ n: number }>("SELECT count(*) AS n FROM articles");
      await db.run(DELETE_TOUCHED_ARTICLES);
      const articles = await db.execute(REFRESH_ARTICLES);
      addCount(summary.tables, "articles", { inserted: articles - (before?.n ?? 0), present: before?.n ?? 0 });
      await tags(db, roots, summary);
      for (const table of ["tagged_versions", ...TAG_CHILDREN]) {
        await db.run(
          `UPDATE ${table} SET article_id = av.article_id FROM article_versions av
           WHERE ${table}.article_id IS NULL AND ${table}.version_id = av.version_id`,
        );
      }
      progress.tick(TAG_CHILDREN.length + 1, "tags");
    });
  } finally {
    db.close();
    summary.lockHeldMs = { longest: performance.now() - started, total: performance.now() - started };
  }
  progress.end();
  return summary;
}

/** A temp view over one dataset of every export that has it; null when none has. Paths are bound, not spliced. */
async function source(
  db: DuckDatabase,
  roots: string[],
  dataset: string,
  partitioned: boolean,
): Promise<string | null> {
  const patterns = roots.map((r) =>
    partitioned ? join(r, dataset, "**", "*.parquet") : join(r, `${dataset}.parquet`),
  );
  const [found] = await db.query<{ n: number }>("SELECT count(*) AS n FROM glob($patterns)", { patterns });
  if (!found?.n) return null;
  const name = `parquet_${dataset}`;
  await db.run(
    `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT * FROM read_parquet($patterns, hive_partitioning = ${partitioned}, union_by_name = true)`,
    { patterns },
  );
  return name;
}

/** The target table's columns as a select list (exports add partition columns such as month and shard). */
async function columns(db: DuckDatabase, table: string): Promise<string> {
  const rows = await db.query<{ column_name: string }>(
    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main' ORDER BY column_index",
    [table],
  );
  return rows.map((r) => r.column_name).join(", ");
}

async function insertNewByKey(db: DuckDatabase, table: string, key: string, from: string): Promise<TableCount> {
  const [total] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${from}`);
  const inserted = await db.execute(
    `INSERT INTO ${table} BY NAME
     SELECT ${await columns(db, table)} FROM ${from} s ANTI JOIN ${table} t ON t.${key} = s.${key}
     QUALIFY row_number() OVER (PARTITION BY s.${key}) = 1`,
  );
  return { inserted, present: (total?.n ?? 0) - inserted };
}

/** Tags of versions not tagged yet, each version's rows taken from the first export that has it. */
async function tags(db: DuckDatabase, roots: string[], summary: LoadSummary): Promise<void> {
  const tagged = await source(db, roots, "tagged_versions", true);
  if (!tagged) return;
  // The export (by its position in `roots`) each new version's tags come from.
  await db.run(
    `CREATE OR REPLACE TEMP TABLE new_versions AS
     SELECT version_id, min(filename) AS filename FROM (
       SELECT t.version_id, t.filename FROM read_parquet($patterns, hive_partitioning = true, filename = true) t
       ANTI JOIN tagged_versions v ON v.version_id = t.version_id
     ) GROUP BY version_id`,
    { patterns: roots.map((r) => join(r, "tagged_versions", "**", "*.parquet")) },
  );
  await db.run(
    "CREATE OR REPLACE TEMP TABLE new_versions AS SELECT version_id, regexp_extract(filename, '^(.*)/tagged_versions/', 1) AS root FROM new_versions",
  );
  for (const table of ["tagged_versions", ...TAG_CHILDREN]) {
    const patterns = roots.map((r) => join(r, table, "**", "*.parquet"));
    const [found] = await db.query<{ n: number }>("SELECT count(*) AS n FROM glob($patterns)", { patterns });
    if (!found?.n) continue;
    const inserted = await db.execute(
      `INSERT INTO ${table} BY NAME
       SELECT ${(await columns(db, table))
         .split(", ")
         .map((c) => `s.${c}`)
         .join(", ")}
       FROM read_parquet($patterns, hive_partitioning = true, filename = true, union_by_name = true) s
       JOIN new_versions n ON n.version_id = s.version_id AND starts_with(s.filename, n.root || '/')`,
      { patterns },
    );
    addCount(summary.tables, table, { inserted, present: 0 });
  }
}

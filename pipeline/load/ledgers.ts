import type { z } from "zod";
import type { Workspace } from "../../core/workspace.ts";
import type { ActorNames } from "./actors.ts";
import type { DuckDatabase } from "./db.ts";
import { upsert } from "./reference.ts";
import {
  addTagRows,
  articleVersionRow,
  captureRow,
  emptyTagRows,
  extractSkipRow,
  runRow,
  TAG_TABLES,
  type TagRows,
} from "./rows.ts";
import { type Row, stageRows } from "./stage.ts";
import type { TableCount } from "./summary.ts";
import {
  type ArticleLine,
  ArticleSchema,
  CaptureSchema,
  ExtractSkipSchema,
  RunRecordSchema,
  TaggedArticleSchema,
  type TaggedLine,
} from "./validate.ts";

/**
 * One entry per workspace ledger: where it is, how a line is validated, and how a batch of valid records is moved
 * into the tables inside one transaction. Keys make every insert idempotent (anti-join on the key), so a batch that
 * is loaded twice (after a crash between commit and the next batch) adds nothing the second time.
 */
export interface LedgerSpec<T = unknown> {
  name: string;
  path: (ws: Workspace) => string;
  schema: z.ZodType<T>;
  apply(db: DuckDatabase, records: T[], context: ApplyContext): Promise<Record<string, TableCount>>;
}

export interface ApplyContext {
  actors: ActorNames;
}

/** Order matters: versions before tags (tags take their article id from article_versions). */
export const LEDGERS: LedgerSpec[] = [
  {
    name: "runs",
    path: (ws) => ws.runsLedger,
    schema: RunRecordSchema,
    // The last line per run id wins: keep the last in the batch, and replace what earlier batches stored.
    apply: async (db, records) => ({
      crawl_runs: await upsert(db, "crawl_runs", "run_id", lastByKey(records.map(runRow), "run_id")),
    }),
  } satisfies LedgerSpec<z.infer<typeof RunRecordSchema>> as LedgerSpec,
  {
    name: "captures",
    path: (ws) => ws.capturesLedger,
    schema: CaptureSchema,
    apply: async (db, records) => ({
      captures: await insertNew(db, "captures", "capture_id", records.map(captureRow), records.length),
    }),
  } satisfies LedgerSpec<z.infer<typeof CaptureSchema>> as LedgerSpec,
  {
    name: "extract_skips",
    path: (ws) => ws.extractSkipsLedger,
    schema: ExtractSkipSchema,
    apply: async (db, records) => ({
      extract_skips: await insertNew(db, "extract_skips", "capture_id", records.map(extractSkipRow), records.length),
    }),
  } satisfies LedgerSpec<z.infer<typeof ExtractSkipSchema>> as LedgerSpec,
  {
    name: "articles",
    path: (ws) => ws.articlesLedger,
    schema: ArticleSchema,
    apply: applyArticles,
  } satisfies LedgerSpec<ArticleLine> as LedgerSpec,
  {
    name: "tags",
    path: (ws) => ws.tagsLedger,
    schema: TaggedArticleSchema,
    apply: applyTags,
  } satisfies LedgerSpec<TaggedLine> as LedgerSpec,
];

/** Inserts staged rows whose key is not in the table yet (the first line per key wins). */
async function insertNew(
  db: DuckDatabase,
  table: string,
  key: string,
  rows: Row[],
  total: number,
): Promise<TableCount> {
  const unique = firstByKey(rows, key);
  if (unique.length === 0) return { inserted: 0, present: total };
  const stage = await stageRows(db, table, unique);
  const inserted = await db.execute(
    `INSERT INTO ${table} SELECT s.* FROM ${stage} s ANTI JOIN ${table} t ON t.${key} = s.${key}`,
  );
  return { inserted, present: total - inserted };
}

async function applyArticles(db: DuckDatabase, records: ArticleLine[]): Promise<Record<string, TableCount>> {
  const versions = await insertNew(
    db,
    "article_versions",
    "version_id",
    records.map(articleVersionRow),
    records.length,
  );
  if (versions.inserted === 0) return { article_versions: versions };
  // Rebuild the one-row-per-article summary for the articles this batch touched: the latest version by fetch time.
  const [before] = await db.query<{ n: number }>(
    "SELECT count(*) AS n FROM articles WHERE id IN (SELECT DISTINCT article_id FROM stage_article_versions)",
  );
  await db.run(DELETE_TOUCHED_ARTICLES);
  const touched = await db.execute(REFRESH_ARTICLES);
  await db.run(MARK_DUPLICATES);
  // Tags loaded before their version (out-of-order ledgers) get their article id now.
  for (const table of TAG_TABLES) {
    await db.run(
      `UPDATE ${table} SET article_id = av.article_id FROM stage_article_versions av
       WHERE ${table}.article_id IS NULL AND ${table}.version_id = av.version_id`,
    );
  }
  const present = before?.n ?? 0;
  return { article_versions: versions, articles: { inserted: touched - present, present } };
}

// Articles touched by the batch are replaced by their recomputed row (DELETE + INSERT: the table has no key index).
export const DELETE_TOUCHED_ARTICLES =
  "DELETE FROM articles WHERE id IN (SELECT DISTINCT article_id FROM stage_article_versions)";
export const REFRESH_ARTICLES = `
INSERT INTO articles BY NAME
SELECT article_id AS id, outlet_id, url, title, coalesce(published_at, min_published_at) AS published_at,
  coalesce(published_date, min_published_date) AS published_date, language, text, length(text) AS n_chars,
  version_id AS latest_version_id, n_versions, first_fetched_at, last_fetched_at, authors, section, duplicate_of
FROM (
  SELECT av.*,
    row_number() OVER (PARTITION BY av.article_id ORDER BY av.fetched_at DESC, av.version_id DESC) AS rn,
    count(*) OVER w AS n_versions,
    min(av.fetched_at) OVER w AS first_fetched_at,
    max(av.fetched_at) OVER w AS last_fetched_at,
    min(av.published_at) OVER w AS min_published_at,
    min(av.published_date) OVER w AS min_published_date
  FROM article_versions av
  WHERE av.article_id IN (SELECT DISTINCT article_id FROM stage_article_versions)
  WINDOW w AS (PARTITION BY av.article_id)
)
WHERE rn = 1`;

// Which copy of a text is the original must not depend on crawl order (concurrent fetches finish in any order): among
// the articles that hold a text in any of their versions, the earliest published (then earliest fetched, then smallest
// id) is the original, and every other article whose latest text it is points to it. Only text groups touched by
// this batch are recomputed.
export const MARK_DUPLICATES = `
UPDATE articles SET duplicate_of = d.duplicate_of
FROM (
  WITH touched AS (
    SELECT DISTINCT text_sha256 FROM article_versions
    WHERE article_id IN (SELECT DISTINCT article_id FROM stage_article_versions)
  ), originals AS (
    SELECT ov.text_sha256, first(o.id ORDER BY o.published_at NULLS LAST, o.first_fetched_at, o.id) AS original
    FROM article_versions ov JOIN articles o ON o.id = ov.article_id
    WHERE ov.text_sha256 IN (SELECT text_sha256 FROM touched)
    GROUP BY ov.text_sha256
  )
  SELECT a.id, CASE WHEN g.original = a.id THEN NULL ELSE g.original END AS duplicate_of
  FROM articles a
  JOIN article_versions av ON av.version_id = a.latest_version_id
  JOIN originals g ON g.text_sha256 = av.text_sha256
) d
WHERE articles.id = d.id AND articles.duplicate_of IS DISTINCT FROM d.duplicate_of`;

async function applyTags(
  db: DuckDatabase,
  records: TaggedLine[],
  context: ApplyContext,
): Promise<Record<string, TableCount>> {
  // The first tag record per version wins (the tag stage never re-tags a version it has tagged).
  const seen = new Set<string>();
  const rows: TagRows = emptyTagRows();
  for (const record of records) {
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    addTagRows(record, context.actors, rows);
  }
  for (const table of TAG_TABLES) await stageRows(db, table, rows[table]);
  await db.run(
    `CREATE OR REPLACE TEMP TABLE new_versions AS
     SELECT s.version_id, av.article_id FROM stage_tagged_versions s
     ANTI JOIN tagged_versions t ON t.version_id = s.version_id
     LEFT JOIN article_versions av ON av.version_id = s.version_id`,
  );
  const counts: Record<string, TableCount> = {};
  for (const table of TAG_TABLES) {
    const staged = rows[table].length;
    const inserted = await db.execute(
      `INSERT INTO ${table} BY NAME
       SELECT s.* EXCLUDE (article_id), n.article_id FROM stage_${table} s JOIN new_versions n ON n.version_id = s.version_id`,
    );
    counts[table] = { inserted, present: staged - inserted };
  }
  const tagged = counts.tagged_versions;
  if (tagged) tagged.present = records.length - tagged.inserted;
  return counts;
}

function firstByKey(rows: Row[], key: string): Row[] {
  const seen = new Set<unknown>();
  return rows.filter((row) => {
    const k = row[key];
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function lastByKey(rows: Row[], key: string): Row[] {
  const last = new Map<unknown, Row>();
  for (const row of rows) last.set(row[key], row);
  return [...last.values()];
}

import type { Database } from "../load/db.ts";
import type {
  ArticleDetail,
  ArticleTag,
  CoverageRow,
  CrawlRunRow,
  FailureSummaryRow,
  FigureRow,
  FrameShareGroupRow,
  FrameShareOutletRow,
  FrameShareWeekRow,
  OutletInfo,
  RecognitionEvidenceRow,
  RecognitionRow,
  ReportData,
  SourceMixRow,
  TopSourceRow,
} from "./types.ts";

/**
 * Reads what the report shows from the load stage's views (docs/schema.md), over each article's latest version.
 * Aggregates are small whatever the corpus size; per-article data is streamed in batches by `articleBatches`.
 */

export const DEFAULT_EVIDENCE_PER_CELL = 50;
export const DEFAULT_TOP_SOURCES = 15;
export const DEFAULT_FAILURE_GROUPS = 200;
export const DEFAULT_ARTICLE_BATCH = 5000;

export interface LoadOptions {
  /** Evidence passages kept per actor × stance on the recognition evidence page (the earliest ones). */
  evidencePerCell?: number;
  /** Ranked sources kept per outlet kind. */
  topSources?: number;
}

type Row = Record<string, unknown>;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const str = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const day = (v: unknown): string | null => (v === null || v === undefined ? null : String(v).slice(0, 10));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function frameCounts(r: Row) {
  return {
    frame: str(r.frame),
    nArticles: num(r.n_articles),
    nPresent: num(r.n_present),
    nEndorsed: num(r.n_endorsed),
    nReported: num(r.n_reported),
    nRejected: num(r.n_rejected),
  };
}

/** Runs the report's queries (read-only) and returns plain records for the page builders. */
export async function loadReportData(db: Database, options: LoadOptions = {}): Promise<ReportData> {
  const evidencePerCell = options.evidencePerCell ?? DEFAULT_EVIDENCE_PER_CELL;
  const topSources = options.topSources ?? DEFAULT_TOP_SOURCES;
  const q = (sql: string, params?: unknown[]) => db.query<Row>(sql, params);

  const outlets: OutletInfo[] = (
    await q(`
      WITH stats AS (
        SELECT outlet_id, count(*) AS n, min(published_day) AS first_day, max(published_day) AS last_day
        FROM v_articles GROUP BY outlet_id
      )
      SELECT o.outlet_id, o.name, o.homepage, o.country, o.languages, o.kind, o.ownership,
        coalesce(s.n, 0) AS n, s.first_day, s.last_day
      FROM outlets o LEFT JOIN stats s ON s.outlet_id = o.outlet_id
      UNION ALL
      SELECT s.outlet_id, s.outlet_id, NULL, 'XX', [], 'unknown', NULL, s.n, s.first_day, s.last_day
      FROM stats s WHERE s.outlet_id NOT IN (SELECT outlet_id FROM outlets)
      ORDER BY 2, 1`)
  ).map((r) => ({
    outletId: str(r.outlet_id),
    name: str(r.name),
    homepage: optStr(r.homepage),
    country: str(r.country) || "XX",
    languages: strings(r.languages),
    kind: str(r.kind) || "unknown",
    ownership: optStr(r.ownership),
    nArticles: num(r.n),
    firstDay: day(r.first_day),
    lastDay: day(r.last_day),
  }));

  const [totalsRow] = await q(`
    SELECT count(*) AS n, count(duplicate_of) AS n_dup, min(published_day) AS first_day, max(published_day) AS last_day,
      (SELECT count(*) FROM crawl_failures) AS n_failures, count(DISTINCT outlet_id) AS n_outlets
    FROM v_articles`);

  const runs: CrawlRunRow[] = (
    await q(`SELECT run_id, kind, started_at, ended_at, status, counts, len(coalesce(errors, [])) AS n_errors
             FROM crawl_runs ORDER BY started_at, run_id`)
  ).map((r) => ({
    runId: str(r.run_id),
    kind: str(r.kind),
    startedAt: optStr(r.started_at),
    endedAt: optStr(r.ended_at),
    status: str(r.status),
    counts: countsOf(r.counts),
    nErrors: num(r.n_errors),
  }));

  const failures: FailureSummaryRow[] = (
    await q(
      `SELECT outlet_id, status, coalesce(split_part(error, chr(10), 1), 'HTTP ' || status) AS error, count(*) AS n
       FROM crawl_failures GROUP BY ALL ORDER BY n DESC, outlet_id, error LIMIT ?`,
      [DEFAULT_FAILURE_GROUPS],
    )
  ).map((r) => ({
    outletId: str(r.outlet_id),
    status: r.status === null ? null : num(r.status),
    error: str(r.error),
    n: num(r.n),
  }));

  const coverage: CoverageRow[] = (
    await q("SELECT outlet_id, day, n_articles FROM coverage_daily ORDER BY day, outlet_id")
  ).map((r) => ({ outletId: str(r.outlet_id), day: str(day(r.day)), nArticles: num(r.n_articles) }));

  const frameByOutlet: FrameShareOutletRow[] = (await q("SELECT * FROM frame_share_by_outlet")).map((r) => ({
    outletId: str(r.outlet_id),
    ...frameCounts(r),
  }));
  const frameByGroup: FrameShareGroupRow[] = (await q("SELECT * FROM frame_share_by_group")).map((r) => ({
    groupBy: str(r.group_by) === "country" ? "country" : "kind",
    groupValue: str(r.group_value),
    ...frameCounts(r),
  }));
  const frameByWeek: FrameShareWeekRow[] = (
    await q("SELECT * FROM frame_share_by_week ORDER BY week, outlet_kind")
  ).map((r) => ({ week: str(day(r.week)), outletKind: str(r.outlet_kind), ...frameCounts(r) }));

  const recognition: RecognitionRow[] = (await q("SELECT * FROM recognition_matrix ORDER BY actor, stance")).map(
    (r) => ({
      actor: str(r.actor),
      actorName: str(r.actor_name),
      actorKind: str(r.actor_kind),
      stance: str(r.stance),
      firstReported: day(r.first_reported),
      nArticles: num(r.n_articles),
      nOutlets: num(r.n_outlets),
      outlets: strings(r.outlets),
    }),
  );

  const recognitionEvidence: RecognitionEvidenceRow[] = (
    await q(
      `SELECT actor, stance, article_id, outlet_id, published_day, title, evidence, rule
       FROM recognition_evidence
       QUALIFY row_number() OVER (PARTITION BY actor, stance ORDER BY published_day NULLS LAST, outlet_id, article_id, evidence) <= ?
       ORDER BY actor, stance, published_day NULLS LAST, outlet_id, article_id, evidence`,
      [evidencePerCell],
    )
  ).map((r) => ({
    actor: str(r.actor),
    stance: str(r.stance),
    articleId: str(r.article_id),
    outletId: str(r.outlet_id),
    publishedDay: day(r.published_day),
    title: optStr(r.title),
    evidence: str(r.evidence),
    rule: str(r.rule),
  }));

  const sourceMix: SourceMixRow[] = (await q("SELECT * FROM source_mix_by_outlet ORDER BY outlet_id, type")).map(
    (r) => ({
      outletId: str(r.outlet_id),
      type: str(r.type),
      nSources: num(r.n_sources),
      nArticles: num(r.n_articles),
      share: num(r.share),
    }),
  );

  const topSourcesRows: TopSourceRow[] = (
    await q("SELECT * FROM top_sources WHERE rank <= ? ORDER BY outlet_kind, rank, name", [topSources])
  ).map((r) => ({
    outletKind: str(r.outlet_kind),
    name: str(r.name),
    type: str(r.type),
    nMentions: num(r.n_mentions),
    nArticles: num(r.n_articles),
    nOutlets: num(r.n_outlets),
    rank: num(r.rank),
  }));

  const figures: FigureRow[] = (
    await q(`
      SELECT outlet_id, kind, number, count(DISTINCT article_id) AS n_articles, min(published_day) AS first_day,
        arg_min(article_id, coalesce(published_day, DATE '9999-12-31')::VARCHAR || article_id) AS article_id,
        arg_min(evidence, coalesce(published_day, DATE '9999-12-31')::VARCHAR || article_id) AS evidence
      FROM reported_figures WHERE kind IS NOT NULL AND number IS NOT NULL
      GROUP BY outlet_id, kind, number ORDER BY kind, outlet_id, number`)
  ).map((r) => ({
    outletId: str(r.outlet_id),
    kind: str(r.kind),
    number: num(r.number),
    nArticles: num(r.n_articles),
    firstDay: day(r.first_day),
    articleId: str(r.article_id),
    evidence: str(r.evidence),
  }));

  return {
    totals: {
      nArticles: num(totalsRow?.n),
      nOutlets: num(totalsRow?.n_outlets),
      nDuplicates: num(totalsRow?.n_dup),
      firstDay: day(totalsRow?.first_day),
      lastDay: day(totalsRow?.last_day),
      nFailures: num(totalsRow?.n_failures),
    },
    outlets,
    runs,
    failures,
    coverage,
    frameByOutlet,
    frameByGroup,
    frameByWeek,
    recognition,
    recognitionEvidence,
    sourceMix,
    topSources: topSourcesRows,
    figures,
  };
}

function countsOf(value: unknown): Record<string, number> {
  const parsed = typeof value === "string" ? safeJson(value) : value;
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(parsed)) if (typeof v === "number") out[k] = v;
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Every article with its text and tags (latest version), in id order, `batchSize` at a time: the 100k-article
 * report never holds all texts in memory. Batches are id ranges (from one cheap id query), and the next batch is
 * fetched while the caller renders the current one (DuckDB works on its own threads meanwhile).
 */
export async function* articleBatches(
  db: Database,
  batchSize = DEFAULT_ARTICLE_BATCH,
): AsyncGenerator<ArticleDetail[]> {
  const ids = (await db.query<Row>("SELECT id FROM articles ORDER BY id")).map((r) => str(r.id));
  const ranges: [string, string][] = [];
  for (let i = 0; i < ids.length; i += batchSize) {
    ranges.push([ids[i] as string, ids[Math.min(i + batchSize, ids.length) - 1] as string]);
  }
  const fetch = (range: [string, string]) => {
    const promise = articleBatch(db, range);
    promise.catch(() => undefined); // awaited below; this only keeps an abandoned prefetch from crashing the process
    return promise;
  };
  let next = ranges[0] ? fetch(ranges[0]) : null;
  try {
    for (let i = 0; next; i++) {
      const current = await next;
      const following = ranges[i + 1];
      next = following ? fetch(following) : null;
      yield current;
    }
  } finally {
    // A caller that stops early (break, error) must not close the database under a query still running.
    if (next) await next.catch(() => undefined);
  }
}

/**
 * The articles with ids in [first, last] and their tags. Each row comes back as one JSON string: converting one
 * string per row is several times faster than converting typed columns one value at a time. Tag rows are pruned by
 * the cheap article_id range before the exact latest-version test (a join on the whole tag table costs more).
 */
async function articleBatch(db: Database, range: [string, string]): Promise<ArticleDetail[]> {
  const articles = await db.query<{ j: string }>(
    `SELECT to_json({
       articleId: id, outletId: outlet_id, url: url, title: title,
       publishedAt: strftime(published_at, '%Y-%m-%dT%H:%M:%SZ'), publishedDay: CAST(published_date AS VARCHAR),
       language: language, authors: coalesce(authors, []), section: section, nVersions: n_versions,
       duplicateOf: duplicate_of, text: coalesce(text, '')
     })::VARCHAR AS j
     FROM articles WHERE id BETWEEN ? AND ? ORDER BY id`,
    range,
  );
  const inBatch =
    "article_id BETWEEN ? AND ? AND version_id IN (SELECT latest_version_id FROM articles WHERE id BETWEEN ? AND ?)";
  const frames = await db.query<{ j: string }>(
    `SELECT to_json({a: article_id, f: frame, s: stance})::VARCHAR AS j FROM article_frames WHERE ${inBatch}`,
    [...range, ...range],
  );
  const tags = await db.query<{ j: string }>(
    `SELECT to_json({a: article_id, category: category, label: label, detail: detail, evidence: evidence,
       "start": start_offset, "end": end_offset, rule: rule})::VARCHAR AS j
     FROM (
       SELECT article_id, 'frame' AS category, frame AS label, stance AS detail, evidence, start_offset, end_offset, rule
       FROM frame_evidence WHERE ${inBatch}
       UNION ALL
       SELECT article_id, 'recognition', actor, stance, evidence, start_offset, end_offset, rule
       FROM recognitions WHERE ${inBatch}
       UNION ALL
       SELECT article_id, 'source', name, type, evidence, start_offset, end_offset, rule
       FROM sources WHERE ${inBatch}
       UNION ALL
       SELECT article_id, 'claim', coalesce(kind, ''),
         array_to_string(list_transform(numbers, x -> CASE WHEN x = trunc(x) AND abs(x) < 1e15
           THEN CAST(CAST(x AS BIGINT) AS VARCHAR) ELSE CAST(x AS VARCHAR) END), ' · '),
         evidence, start_offset, end_offset, rule
       FROM claims WHERE ${inBatch}
     )
     ORDER BY article_id, start_offset NULLS LAST, end_offset, category, label, evidence`,
    Array.from({ length: 8 }, () => range).flat(),
  );
  const framesOf = new Map<string, Record<string, string>>();
  for (const row of frames) {
    const f = JSON.parse(row.j) as { a: string; f: string; s: string };
    const entry = framesOf.get(f.a) ?? {};
    entry[f.f] = f.s;
    framesOf.set(f.a, entry);
  }
  const tagsOf = new Map<string, ArticleTag[]>();
  for (const row of tags) {
    const { a, ...tag } = JSON.parse(row.j) as ArticleTag & { a: string };
    const list = tagsOf.get(a);
    if (list) list.push(tag);
    else tagsOf.set(a, [tag]);
  }
  return articles.map((row) => {
    const a = JSON.parse(row.j) as Omit<ArticleDetail, "frames" | "tags">;
    return {
      ...a,
      nVersions: num(a.nVersions),
      frames: framesOf.get(a.articleId) ?? {},
      tags: tagsOf.get(a.articleId) ?? [],
    };
  });
}

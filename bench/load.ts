/**
 * Load bench: throughput of `runLoad` over synthetic ledgers of 100,000 articles (each with its capture and a tag
 * record of a few frames, sources and claims), the cost of an incremental rerun, and the latency of every analysis
 * view on the loaded database (target < 300 ms each).
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { workspace } from "../core/workspace.ts";
import { type DuckDatabase, openDatabase } from "../pipeline/load/db.ts";
import { EXPORTED_VIEWS } from "../pipeline/load/export.ts";
import { DEFAULT_BATCH_LINES, runLoad } from "../pipeline/load/index.ts";
import { FIXTURE_CODEBOOK } from "../test/fixtures/load/codebook.ts";
import { syntheticLedgerChunk, syntheticRegistry } from "../test/fixtures/load/synthetic.ts";
import type { BenchRow, BenchSuite } from "./types.ts";

const ARTICLES = 100_000;
const QUICK_ARTICLES = 10_000;
const APPENDED = 1_000;
const VIEW_TARGET_MS = 300;
const VIEW_RUNS = 5;
const CHUNK = 5_000;

export const suite: BenchSuite = async ({ quick, scratchDir }) => {
  const n = quick ? QUICK_ARTICLES : ARTICLES;
  const ws = workspace({ workdir: join(scratchDir, "ws") });
  mkdirSync(ws.root, { recursive: true });
  for (const ledger of [ws.capturesLedger, ws.articlesLedger, ws.tagsLedger]) writeFileSync(ledger, "");
  appendChunks(ws, 0, n);
  const registry = syntheticRegistry();
  const rows: BenchRow[] = [];

  let started = performance.now();
  const summary = await runLoad(ws, { registry, codebook: FIXTURE_CODEBOOK });
  const loadSeconds = (performance.now() - started) / 1000;
  const inserted = Object.values(summary.tables).reduce((sum, c) => sum + c.inserted, 0);
  rows.push({
    suite: "load",
    measure: `full load of ${n.toLocaleString("en")} articles`,
    value: inserted / loadSeconds,
    unit: "rows/s",
    note: `${inserted.toLocaleString("en")} rows in ${loadSeconds.toFixed(1)} s, ${summary.transactions} transactions; ${(n / loadSeconds).toFixed(0)} articles/s`,
  });
  rows.push({
    suite: "load",
    measure: "longest hold of the write lock (one batch)",
    value: summary.lockHeldMs.longest,
    unit: "ms",
    note: `held ${(summary.lockHeldMs.total / 1000).toFixed(1)} s of ${loadSeconds.toFixed(1)} s in all; batches of ${DEFAULT_BATCH_LINES.toLocaleString("en")} lines`,
  });

  started = performance.now();
  await runLoad(ws, { registry, codebook: FIXTURE_CODEBOOK });
  rows.push({ suite: "load", measure: "rerun with nothing new", value: performance.now() - started, unit: "ms" });

  appendChunks(ws, n, n + APPENDED);
  started = performance.now();
  const more = await runLoad(ws, { registry, codebook: FIXTURE_CODEBOOK });
  rows.push({
    suite: "load",
    measure: `incremental load of ${APPENDED.toLocaleString("en")} new articles`,
    value: performance.now() - started,
    unit: "ms",
    note: `${more.tables.article_versions?.inserted ?? 0} versions added on top of ${n.toLocaleString("en")}`,
  });

  const db = (await openDatabase(ws.dbPath, { readOnly: true })) as DuckDatabase;
  try {
    for (const view of EXPORTED_VIEWS) {
      const { wallMs, cpuMs } = await viewLatency(db, view);
      const [count] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${view}`);
      rows.push({
        suite: "load",
        measure: `view ${view}`,
        value: wallMs,
        unit: "ms",
        target: `< ${VIEW_TARGET_MS} ms`,
        met: wallMs < VIEW_TARGET_MS,
        note: `median of ${VIEW_RUNS}, fully materialised, ${count?.n ?? 0} rows; CPU ${cpuMs.toFixed(0)} ms (all threads); load average ${loadavg()[0]?.toFixed(1)}`,
      });
    }
  } finally {
    db.close();
  }
  return rows;
};

function appendChunks(ws: ReturnType<typeof workspace>, from: number, to: number): void {
  for (let i = from; i < to; i += CHUNK) {
    const chunk = syntheticLedgerChunk(i, Math.min(to, i + CHUNK));
    appendFileSync(ws.capturesLedger, chunk.captures);
    appendFileSync(ws.articlesLedger, chunk.articles);
    appendFileSync(ws.tagsLedger, chunk.tags);
  }
}

/**
 * Median wall and CPU time to compute the whole view inside DuckDB (no transfer to JS, so it measures the view
 * itself). CPU time (DuckDB's threads included) stays meaningful when other processes crowd the machine.
 */
async function viewLatency(db: DuckDatabase, view: string): Promise<{ wallMs: number; cpuMs: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < VIEW_RUNS; run++) {
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    await db.run(`CREATE OR REPLACE TEMP TABLE bench_view AS SELECT * FROM ${view}`);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(startedCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { sha256 } from "../../core/hash.ts";
import { type Progress, silentProgress } from "../../core/progress.ts";
import type { Workspace } from "../../core/workspace.ts";
import type { Registry } from "../../crawlers/registry/schema.ts";
import type { LoadedCodebook } from "../codebook/index.ts";
import { type ActorNames, actorNames } from "./actors.ts";
import { DEFAULT_LOCK_WAIT_MS, type DuckDatabase, openDatabase } from "./db.ts";
import { readLedgerBatches } from "./ledger-batches.ts";
import { LEDGERS, type LedgerSpec } from "./ledgers.ts";
import { upsertReference } from "./reference.ts";
import { addCount, formatSummary, type LoadReject, type LoadSummary } from "./summary.ts";
import { describeIssue } from "./validate.ts";

export { type Database, DatabaseLockedError, openDatabase, withDatabase } from "./db.ts";
export { formatSummary, type LoadReject, type LoadSummary, type TableCount } from "./summary.ts";

/**
 * The load stage: workspace ledgers → DuckDB tables. Incremental (each ledger is read from where the last load
 * stopped, and every insert anti-joins on the table's key, so a rerun adds nothing) and lock-friendly: the database
 * is opened for one short transaction per batch and closed in between, so readers and other writers get their turn.
 */

/** Lines and bytes per batch (one transaction each); small enough that the write lock is held well under a second. */
export const DEFAULT_BATCH_LINES = 20_000;
export const DEFAULT_BATCH_BYTES = 32 * 1024 * 1024;
/** Leading bytes of a ledger whose hash detects that the file was replaced rather than appended to. */
const HEAD_BYTES = 4096;
/** Bad lines listed in the summary (all of them go to the load_rejects table). */
const MAX_REJECTS_IN_SUMMARY = 100;

export interface LoadOptions {
  registry: Registry;
  codebook: LoadedCodebook;
  progress?: Progress;
  batchLines?: number;
  batchBytes?: number;
  /** How long each open waits for another process's lock (default 30000 ms). */
  waitMs?: number;
  /** Actor names for recognitions (default: ISO names + codebook + ORGANISATION_NAMES). */
  actors?: ActorNames;
}

interface LoadState {
  ledger: string;
  path: string;
  bytes: number;
  lines: number;
  head_sha256: string | null;
  head_bytes: number | null;
}

/** Loads every ledger of the workspace into the database at ws.dbPath; returns counts per table and bad lines. */
export async function runLoad(ws: Workspace, options: LoadOptions): Promise<LoadSummary> {
  const progress = options.progress ?? silentProgress;
  const open = { waitMs: options.waitMs ?? DEFAULT_LOCK_WAIT_MS };
  const actors = options.actors ?? actorNames(options.codebook.codebook);
  const summary: LoadSummary = {
    tables: {},
    ledgers: {},
    rejects: [],
    transactions: 0,
    lockHeldMs: { longest: 0, total: 0 },
  };
  let rejectCount = 0;
  progress.start("load");
  mkdirSync(dirname(ws.dbPath), { recursive: true });

  /** Opens read-write for one transaction and closes; records how long the write lock was held (close included). */
  const hold = async <T>(fn: (db: DuckDatabase) => Promise<T>): Promise<T> => {
    const db = (await openDatabase(ws.dbPath, open)) as DuckDatabase;
    const started = performance.now();
    try {
      return await fn(db);
    } finally {
      db.close();
      const ms = performance.now() - started;
      summary.lockHeldMs.total += ms;
      summary.lockHeldMs.longest = Math.max(summary.lockHeldMs.longest, ms);
      summary.transactions += 1;
    }
  };

  const states = await hold((db) =>
    db.transaction(async () => {
      const counts = await upsertReference(db, options.registry, options.codebook);
      for (const [table, count] of Object.entries(counts)) addCount(summary.tables, table, count);
      const rows = await db.query<LoadState>("SELECT * FROM load_state");
      return new Map(rows.map((r) => [r.ledger, r]));
    }),
  );

  for (const spec of LEDGERS) {
    const path = spec.path(ws);
    if (!existsSync(path)) continue;
    const start = resumePoint(path, states.get(spec.name), progress);
    const ledger = { fromLine: start.lines, toLine: start.lines, lines: 0 };
    summary.ledgers[spec.name] = ledger;
    const limits = {
      maxLines: options.batchLines ?? DEFAULT_BATCH_LINES,
      maxBytes: options.batchBytes ?? DEFAULT_BATCH_BYTES,
    };
    for await (const batch of readLedgerBatches(path, start.bytes, start.lines, limits)) {
      // Parse and validate outside the lock; only the inserts run inside it.
      const records: unknown[] = [];
      const rejects: LoadReject[] = [];
      for (const { line, text } of batch.lines) {
        const error = parseRecord(spec, text, records);
        if (error) rejects.push({ ledger: spec.name, location: `${path}:${line}`, error });
      }
      const head = headOf(path, batch.endByte);
      const counts = await hold((db) =>
        db.transaction(async () => {
          const applied = records.length > 0 ? await spec.apply(db, records, { actors }) : {};
          await recordRejects(db, spec.name, path, rejects);
          await db.run("INSERT OR REPLACE INTO load_state VALUES (?, ?, ?, ?, ?, ?, now())", [
            spec.name,
            path,
            batch.endByte,
            batch.endLine,
            head.sha256,
            head.bytes,
          ]);
          return applied;
        }),
      );
      for (const [table, count] of Object.entries(counts)) addCount(summary.tables, table, count);
      for (const reject of rejects) {
        progress.log(`load: skipped ${reject.location}: ${reject.error}`);
        if (summary.rejects.length < MAX_REJECTS_IN_SUMMARY) summary.rejects.push(reject);
      }
      rejectCount += rejects.length;
      ledger.toLine = batch.endLine;
      ledger.lines += batch.lines.length;
      progress.tick(batch.lines.length, spec.name);
    }
  }
  progress.end(
    formatSummary(summary) + (rejectCount > summary.rejects.length ? ` (${rejectCount} bad lines in all)` : ""),
  );
  return summary;
}

/** Parses and validates one line; pushes the record or returns the error. */
function parseRecord(spec: LedgerSpec, text: string, into: unknown[]): string | null {
  if (text.trim() === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  const parsed = spec.schema.safeParse(value);
  if (!parsed.success) return describeIssue(parsed.error);
  into.push(parsed.data);
  return null;
}

async function recordRejects(db: DuckDatabase, ledger: string, path: string, rejects: LoadReject[]): Promise<void> {
  if (rejects.length === 0) return;
  const lines = rejects.map((r) => Number(r.location.slice(r.location.lastIndexOf(":") + 1)));
  await db.run(`INSERT INTO load_rejects SELECT ?, ?, unnest(?::BIGINT[]), unnest(?::VARCHAR[]), now()`, [
    ledger,
    path,
    lines,
    rejects.map((r) => r.error),
  ]);
}

/** Where to resume a ledger: after what was loaded, unless the file was replaced or truncated (then from the top). */
function resumePoint(path: string, state: LoadState | undefined, progress: Progress): { bytes: number; lines: number } {
  if (!state || state.path !== path) return { bytes: 0, lines: 0 };
  const size = statSync(path).size;
  const head = state.head_bytes ?? 0;
  if (size < state.bytes || (head > 0 && headOf(path, head).sha256 !== state.head_sha256)) {
    progress.log(`load: ${path} changed since the last load (truncated or replaced); reading it from the top`);
    return { bytes: 0, lines: 0 };
  }
  return { bytes: state.bytes, lines: state.lines };
}

function headOf(path: string, upTo: number): { sha256: string; bytes: number } {
  const length = Math.min(HEAD_BYTES, upTo);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, "r");
  try {
    readSync(fd, buffer, 0, length, 0);
  } finally {
    closeSync(fd);
  }
  return { sha256: sha256(buffer), bytes: length };
}

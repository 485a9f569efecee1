import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { DuckDBInstance } from "@duckdb/node-api";
import { errorMessage } from "../../core/errors.ts";

/**
 * Opening a DuckDB file beside other processes. DuckDB has no lock queue: an open fails at once while another process
 * holds the file (a writer excludes everyone; readers exclude writers). So opens retry with growing pauses, and a
 * writer that finds the file busy leaves a notice (`<db>.writer-waiting`) that makes new readers hold back, otherwise a
 * steady stream of short read-only sessions would starve the load.
 */

/** How long an open waits for another process's lock by default. */
export const DEFAULT_LOCK_WAIT_MS = 30_000;
/** First and largest pause between open attempts; the pause grows ×1.5 with jitter so contenders do not collide. */
export const LOCK_RETRY_FIRST_MS = 25;
export const LOCK_RETRY_MAX_MS = 500;
const LOCK_ERROR = /Could not set lock on file|Conflicting lock is held/i;

/** The lock is held by another process (after waiting `waitMs`). */
export class DatabaseLockedError extends Error {
  override name = "DatabaseLockedError";
}

/** Creates the DuckDB instance, retrying while another process holds the lock (see the module comment). */
export async function createWithRetry(path: string, readOnly: boolean, waitMs: number): Promise<DuckDBInstance> {
  const deadline = Date.now() + waitMs;
  const intent = `${path}${WRITER_WAITING_SUFFIX}`;
  let pause = LOCK_RETRY_FIRST_MS;
  let announced = false;
  try {
    for (;;) {
      // Readers step aside while a writer waits: with a steady stream of readers the file would otherwise never be
      // free for the writer (DuckDB has no lock queue). Readers wait at most until their own deadline.
      if (readOnly && writerWaiting(intent) && Date.now() < deadline) {
        await sleep(Math.min(deadline - Date.now(), pause));
        pause = Math.min(LOCK_RETRY_MAX_MS, pause * 1.5);
        continue;
      }
      try {
        return await DuckDBInstance.create(path, readOnly ? { access_mode: "READ_ONLY" } : {});
      } catch (error) {
        const message = errorMessage(error);
        if (!LOCK_ERROR.test(message)) throw error;
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new DatabaseLockedError(
            `${path} is locked by another process (waited ${waitMs} ms); DuckDB allows one writer and no readers beside it`,
            { cause: error },
          );
        }
        if (!readOnly && !announced && path !== ":memory:") {
          announced = announceWriter(intent);
        }
        await sleep(Math.min(left, pause * (0.75 + Math.random() * 0.5)));
        pause = Math.min(LOCK_RETRY_MAX_MS, pause * 1.5);
      }
    }
  } finally {
    if (announced) rmSync(intent, { force: true });
  }
}

/** Suffix of the file a writer creates while it waits for the lock (holds its pid). */
export const WRITER_WAITING_SUFFIX = ".writer-waiting";
/** A writer-waiting file older than this is stale (its writer died or gave up without cleaning up). */
const WRITER_WAITING_STALE_MS = 60_000;

function announceWriter(intent: string): boolean {
  try {
    writeFileSync(intent, String(process.pid), { flag: "wx" });
    return true;
  } catch {
    return false; // another writer already announced itself; that is enough for readers to step aside
  }
}

/** Whether a live writer has announced (in the notice file `intent`) that it waits for the lock. */
export function writerWaiting(intent: string): boolean {
  try {
    const stat = statSync(intent);
    if (Date.now() - stat.mtimeMs > WRITER_WAITING_STALE_MS) return false;
    const pid = Number(readFileSync(intent, "utf8"));
    if (!Number.isInteger(pid) || pid <= 0) return true;
    if (pid === process.pid) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // ESRCH: the writer is gone. EPERM: it exists but belongs to another user (still waiting).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

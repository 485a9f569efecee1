import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { CliError } from "../core/errors.ts";
import type { Workspace } from "../core/workspace.ts";

interface LockBody {
  pid: number;
  host: string;
  purpose: string;
  since: string;
}

/** Releases a held lock (no-op for a re-entrant acquisition). */
export type ReleaseLock = () => void;

/**
 * One fetching run per workspace at a time: an exclusive lock file holding the holder's pid. A lock whose pid no longer
 * runs on this host is stale (the holder was killed) and is taken over. The holder itself may acquire it again
 * (`schedule` → `crawl`).
 */
export function acquireLock(ws: Workspace, purpose: string): ReleaseLock {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(ws.lockFile, "wx");
      const body: LockBody = { pid: process.pid, host: hostname(), purpose, since: new Date().toISOString() };
      writeSync(fd, `${JSON.stringify(body)}\n`);
      closeSync(fd);
      return () => {
        if (readHolder(ws.lockFile)?.pid === process.pid) rmSync(ws.lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(ws.lockFile);
    if (holder && holder.pid === process.pid && holder.host === hostname()) return () => {};
    if (holder && holder.host === hostname() && pidAlive(holder.pid)) {
      throw new CliError(
        `workspace ${ws.root} is busy: ${holder.purpose} run by pid ${holder.pid} since ${holder.since} (lock ${ws.lockFile})`,
      );
    }
    if (holder && holder.host !== hostname()) {
      throw new CliError(`workspace ${ws.root} is locked by pid ${holder.pid} on host ${holder.host} (${ws.lockFile})`);
    }
    // Stale (dead pid) or unreadable (torn by a crash): move it aside atomically, then retry the exclusive create.
    try {
      renameSync(ws.lockFile, `${ws.lockFile}.stale-${process.pid}`);
      rmSync(`${ws.lockFile}.stale-${process.pid}`, { force: true });
    } catch {
      // another process took it over first; retry
    }
  }
  throw new CliError(`could not acquire the workspace lock ${ws.lockFile}`);
}

function readHolder(path: string): LockBody | null {
  try {
    const body = JSON.parse(readFileSync(path, "utf8")) as LockBody;
    return typeof body.pid === "number" ? body : null;
  } catch {
    return null;
  }
}

/** True when a process with this pid exists (EPERM means it exists but belongs to someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

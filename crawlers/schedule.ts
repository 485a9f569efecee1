import { Cron } from "croner";
import { errorMessage } from "../core/errors.ts";
import { type Progress, silentProgress } from "../core/progress.ts";
import type { RunRecord } from "../core/records.ts";
import { ensureWorkspace, type Workspace } from "../core/workspace.ts";
import { countsOf, crawl, newRunId } from "./index.ts";
import { acquireLock } from "./lock.ts";
import type { CrawlOptions, CrawlSummary } from "./options.ts";
import { runProcessStep } from "./process-step.ts";
import { appendRun } from "./runs.ts";

export interface CycleOptions {
  /** Everything the crawl needs except the workspace bits set here. */
  crawl: Omit<CrawlOptions, "runId" | "signal" | "progress">;
  codebookPath: string;
  /** Skip extract → tag → load → report (crawl only). */
  noProcess?: boolean;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface CycleResult {
  record: RunRecord;
  crawl: CrawlSummary | null;
  /** Why the cycle did not run (workspace busy), else null. */
  skipped: string | null;
}

/**
 * One scheduled cycle: crawl → process, under the workspace lock (a cycle never overlaps another run, in this
 * process or another), recorded in runs.jsonl as kind "schedule" with counts and errors.
 */
export async function runCycle(options: CycleOptions): Promise<CycleResult> {
  const ws: Workspace = options.crawl.workspace;
  ensureWorkspace(ws);
  const progress = options.progress ?? silentProgress;
  const startedAt = new Date();
  const runId = newRunId("schedule", startedAt);
  const base: RunRecord = {
    runId,
    kind: "schedule",
    startedAt: startedAt.toISOString(),
    endedAt: null,
    status: "running",
    counts: {},
    errors: [],
    options: { pid: process.pid, codebook: options.codebookPath, outlets: options.crawl.outlets ?? null },
  };
  let release: () => void;
  try {
    release = acquireLock(ws, "schedule");
  } catch (error) {
    const record: RunRecord = {
      ...base,
      endedAt: new Date().toISOString(),
      status: "failed",
      errors: [`skipped: ${errorMessage(error)}`],
    };
    appendRun(ws, record);
    progress.log(`schedule: cycle skipped: ${errorMessage(error)}`);
    return { record, crawl: null, skipped: errorMessage(error) };
  }
  try {
    appendRun(ws, base);
    const errors: string[] = [];
    const counts: Record<string, number> = {};
    let summary: CrawlSummary | null = null;
    try {
      summary = await crawl({ ...options.crawl, progress, signal: options.signal });
      for (const [k, v] of Object.entries(countsOf(summary))) counts[`crawl.${k}`] = v;
    } catch (error) {
      errors.push(`crawl: ${errorMessage(error)}`);
    }
    if (!options.noProcess && !options.signal?.aborted && summary) {
      try {
        const { result, note } = await runProcessStep(ws, {
          codebookPath: options.codebookPath,
          registry: options.crawl.registry,
          progress,
        });
        if (note) errors.push(note);
        Object.assign(counts, numericLeaves(result, "process"));
      } catch (error) {
        errors.push(`process: ${errorMessage(error)}`);
      }
    }
    const record: RunRecord = {
      ...base,
      endedAt: new Date().toISOString(),
      status: options.signal?.aborted
        ? "interrupted"
        : errors.some((e) => !e.startsWith("processing skipped"))
          ? "failed"
          : "ok",
      counts,
      errors,
    };
    appendRun(ws, record);
    return { record, crawl: summary, skipped: null };
  } finally {
    release();
  }
}

export interface Schedule {
  /** Next planned start, or null when none. */
  nextRun(): Date | null;
  stop(): void;
}

/**
 * Runs `runCycle` on a cron expression (croner; `protect` keeps a slow cycle from overlapping the next tick, and the
 * workspace lock keeps other processes out). `onCycle` receives each result.
 */
export function startSchedule(cron: string, options: CycleOptions, onCycle: (result: CycleResult) => void): Schedule {
  const job = new Cron(cron, { protect: true }, async () => {
    onCycle(await runCycle(options));
  });
  return { nextRun: () => job.nextRun(), stop: () => job.stop() };
}

/** Validates a cron expression, returning the error message or null. */
export function cronProblem(cron: string): string | null {
  try {
    new Cron(cron, { paused: true }).stop();
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

function numericLeaves(
  value: unknown,
  prefix: string,
  out: Record<string, number> = {},
  depth = 0,
): Record<string, number> {
  if (typeof value === "number") out[prefix] = value;
  else if (value && typeof value === "object" && depth < 3 && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) numericLeaves(v, `${prefix}.${k}`, out, depth + 1);
  }
  return out;
}

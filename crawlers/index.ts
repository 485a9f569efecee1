import { mkdirSync } from "node:fs";
import { stableId } from "../core/hash.ts";
import { ensureWorkspace } from "../core/workspace.ts";
import { Crawler } from "./crawler.ts";
import { readFrontier } from "./frontier.ts";
import { acquireLock } from "./lock.ts";
import { type CrawlOptions, type CrawlSummary, DEFAULT_LIMITS } from "./options.ts";
import { appendRun, closeInterruptedRuns } from "./runs.ts";
import { loadCrawlState } from "./state.ts";

export { CHROMIUM_MISSING, chromiumAvailable } from "./fetch/browser.ts";
export { acquireLock } from "./lock.ts";
export {
  type CrawlLimits,
  type CrawlOptions,
  type CrawlSummary,
  DEFAULT_LIMITS,
  type OutletCounts,
} from "./options.ts";

/** Said in the User-Agent when the researchers gave no contact (the CLI warns about it). */
export const NO_CONTACT = "research crawler; no contact given";

/** The project's User-Agent; the contact (URL or e-mail) lets site owners reach the researchers. */
export function userAgentFor(contact?: string, custom?: string): string {
  if (custom) return custom;
  return contact ? `framewatch/0.1 (+${contact})` : `framewatch/0.1 (${NO_CONTACT})`;
}

/** Run ids name the kind and start time, plus a short hash so two runs in the same second differ. */
export function newRunId(kind: string, at = new Date()): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `${kind}-${stamp}-${stableId(kind, at.toISOString(), String(process.pid)).slice(0, 6)}`;
}

/**
 * Crawls the registry's outlets into the workspace: every exchange becomes a Capture in captures.jsonl (failures
 * too, with the reason) and its response a WARC record; the run gets start/end lines in runs.jsonl. Incremental
 * (known articles are skipped unless discovery says they changed) and resumable (a killed run's frontier is
 * finished by the next one). Holds the workspace lock while it runs.
 */
export async function crawl(options: CrawlOptions): Promise<CrawlSummary> {
  const ws = options.workspace;
  ensureWorkspace(ws);
  mkdirSync(ws.crawleeDir, { recursive: true });
  const release = acquireLock(ws, "crawl");
  const startedAt = new Date();
  const runId = options.runId ?? newRunId("crawl", startedAt);
  const limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const userAgent = userAgentFor(options.contact, options.userAgent);
  const runOptions = {
    pid: process.pid,
    outlets: options.outlets ?? null,
    maxPagesPerOutlet: options.maxPagesPerOutlet ?? null,
    maxBytesPerRun: options.maxBytesPerRun ?? null,
    browser: options.browser ?? "auto",
    politeness: options.politeness ?? true,
    userAgent,
  };
  try {
    const resumed = await closeInterruptedRuns(ws, "crawl", runId);
    appendRun(ws, {
      runId,
      kind: "crawl",
      startedAt: startedAt.toISOString(),
      endedAt: null,
      status: "running",
      counts: {},
      errors: [],
      options: runOptions,
    });
    const known = await loadCrawlState(ws);
    const wanted = options.outlets ? new Set(options.outlets) : null;
    const pending = (await readFrontier(ws)).filter((e) => !known.has(e.url) && (!wanted || wanted.has(e.outletId)));
    if (resumed.length > 0) options.progress?.log(`crawl: resuming interrupted run(s) ${resumed.join(", ")}`);
    const crawler = new Crawler({ options, limits, runId, userAgent, known, pending, resumedRuns: resumed });
    let summary: CrawlSummary;
    try {
      summary = await crawler.run();
    } catch (error) {
      appendRun(ws, {
        runId,
        kind: "crawl",
        startedAt: startedAt.toISOString(),
        endedAt: new Date().toISOString(),
        status: "failed",
        counts: countsOf(crawler.summary),
        errors: [...crawler.errors, error instanceof Error ? error.message : String(error)],
        options: runOptions,
      });
      throw error;
    }
    summary.resumed = resumed;
    appendRun(ws, {
      runId,
      kind: "crawl",
      startedAt: startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      status: options.signal?.aborted ? "interrupted" : "ok",
      counts: countsOf(summary),
      errors: crawler.errors.slice(0, 200),
      options: runOptions,
    });
    return summary;
  } finally {
    release();
  }
}

/** The numeric fields of a summary, for RunRecord.counts. */
export function countsOf(summary: CrawlSummary): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [key, value] of Object.entries(summary)) if (typeof value === "number") counts[key] = value;
  return counts;
}

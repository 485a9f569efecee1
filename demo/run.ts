import { stableId } from "../core/hash.ts";
import { LedgerWriter, ledgerKeys } from "../core/ledger.ts";
import { type Progress, silentProgress } from "../core/progress.ts";
import type { RunRecord } from "../core/records.ts";
import { ensureWorkspace, type Workspace } from "../core/workspace.ts";
import { type CrawlSummary, crawl } from "../crawlers/index.ts";
import { loadCodebook } from "../pipeline/codebook/index.ts";
import { type ProcessSummary, processWorkspace } from "../pipeline/process.ts";
import { type DemoWeb, startDemoWeb } from "./server.ts";

/** The port `framewatch demo` serves its web on, fixed so that article URLs (and so ids) are stable across runs. */
export const DEMO_PORT = 8787;

export interface DemoOptions {
  workspace: Workspace;
  codebookPath: string;
  /** Port of the demo web; 0 picks a free one (tests). Default DEMO_PORT, falling back to a free port when busy. */
  port?: number;
  /** Force an edition of the demo web; by default edition 1 on the first run and 2 ("later") on every run after it. */
  edition?: 1 | 2;
  browser?: "auto" | "never";
  progress?: Progress;
}

export interface DemoResult {
  runId: string;
  edition: 1 | 2;
  port: number;
  portNote: string | null;
  crawl: CrawlSummary;
  process: ProcessSummary;
}

/**
 * Serves the bundled demo web on 127.0.0.x, then runs every stage over it: crawl → extract → tag → load → report.
 * A rerun is incremental: the second run sees edition 2 of the web, where one article per language group was edited
 * after publication, and everything already captured is skipped.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const ws = options.workspace;
  const progress = options.progress ?? silentProgress;
  ensureWorkspace(ws);
  const previousDemoRuns = await ledgerKeys<RunRecord>(ws.runsLedger, (r) =>
    r.kind === "demo" && r.status === "ok" ? r.runId : null,
  );
  const edition = options.edition ?? (previousDemoRuns.size > 0 ? 2 : 1);
  const { web, portNote } = await startWeb(options.port ?? DEMO_PORT, edition);
  const startedAt = new Date().toISOString();
  const runId = `demo-${stableId(startedAt, String(process.pid))}`;
  const runs = new LedgerWriter<RunRecord>(ws.runsLedger);
  const record: RunRecord = {
    runId,
    kind: "demo",
    startedAt,
    endedAt: null,
    status: "running",
    counts: {},
    errors: [],
    options: { edition, port: web.port },
  };
  runs.append([record]);
  try {
    const loaded = loadCodebook(options.codebookPath);
    const crawlSummary = await crawl({
      workspace: ws,
      registry: web.registry,
      topic: loaded.codebook.topic,
      browser: options.browser ?? "auto",
      progress,
      contact: "framewatch demo (offline)",
    });
    const processed = await processWorkspace(ws, {
      codebookPath: options.codebookPath,
      registry: web.registry,
      progress,
    });
    runs.append([
      {
        ...record,
        endedAt: new Date().toISOString(),
        status: "ok",
        counts: { fetched: crawlSummary.fetched, skippedSeen: crawlSummary.skippedSeen, failed: crawlSummary.failed },
      },
    ]);
    return { runId, edition, port: web.port, portNote, crawl: crawlSummary, process: processed };
  } catch (error) {
    runs.append([{ ...record, endedAt: new Date().toISOString(), status: "failed", errors: [String(error)] }]);
    throw error;
  } finally {
    runs.close();
    await web.close();
  }
}

async function startWeb(port: number, edition: 1 | 2): Promise<{ web: DemoWeb; portNote: string | null }> {
  try {
    return { web: await startDemoWeb({ port, edition }), portNote: null };
  } catch (error) {
    if (port === 0 || (error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    const web = await startDemoWeb({ port: 0, edition });
    return {
      web,
      portNote: `port ${port} is busy; served the demo on port ${web.port} instead, so its URLs differ from earlier runs`,
    };
  }
}

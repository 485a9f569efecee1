import { type Progress, silentProgress } from "../core/progress.ts";
import type { Workspace } from "../core/workspace.ts";
import type { Registry } from "../crawlers/registry/index.ts";
import { loadCodebook } from "./codebook/index.ts";
import { runExtract } from "./extract/run.ts";
import { runLoad } from "./load/index.ts";
import { buildReport } from "./report/index.ts";
import { runTag } from "./tag/run.ts";

export interface ProcessOptions {
  codebookPath: string;
  registry: Registry;
  progress?: Progress;
  /** Build the static report after loading (default true). */
  report?: boolean;
}

export interface ProcessSummary {
  extract: Awaited<ReturnType<typeof runExtract>>;
  tag: Awaited<ReturnType<typeof runTag>>;
  load: Awaited<ReturnType<typeof runLoad>>;
  report: Awaited<ReturnType<typeof buildReport>> | null;
}

/**
 * Runs every stage after the crawl over a workspace: extract → tag → load → report. Each stage is incremental, so
 * this is cheap to rerun and is what `demo`, `crawl --process`, `ingest` and `schedule` call after fetching.
 */
export async function processWorkspace(ws: Workspace, options: ProcessOptions): Promise<ProcessSummary> {
  const progress = options.progress ?? silentProgress;
  const loaded = loadCodebook(options.codebookPath);
  const extract = await runExtract(ws, { registry: options.registry, topic: loaded.codebook.topic, progress });
  const tag = await runTag(ws, { codebookPath: options.codebookPath, progress });
  const load = await runLoad(ws, { registry: options.registry, codebook: loaded, progress });
  const report =
    options.report === false
      ? null
      : await buildReport({ dbPath: ws.dbPath, outDir: ws.reportDir, codebook: loaded, progress });
  return { extract, tag, load, report };
}

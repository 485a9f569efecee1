import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Progress } from "../core/progress.ts";
import type { Workspace } from "../core/workspace.ts";
import type { Registry } from "./registry/index.ts";

const PROCESS_MODULE = new URL("../pipeline/process.ts", import.meta.url);

/**
 * Runs extract → tag → load → report after a crawl/ingest (pipeline/process.ts). Loaded lazily so the crawl stage
 * works (and its tests run) without the later stages; returns null with a note when they are missing.
 */
export async function runProcessStep(
  ws: Workspace,
  options: { codebookPath: string; registry: Registry; progress?: Progress },
): Promise<{ result: unknown; note: string | null }> {
  if (!existsSync(fileURLToPath(PROCESS_MODULE))) {
    return { result: null, note: "processing skipped: pipeline/process.ts is not available" };
  }
  const module = (await import(PROCESS_MODULE.href)) as {
    processWorkspace?: (ws: Workspace, o: typeof options) => Promise<unknown>;
  };
  if (!module.processWorkspace) return { result: null, note: "processing skipped: processWorkspace not exported" };
  return { result: await module.processWorkspace(ws, options), note: null };
}

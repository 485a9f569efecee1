import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * Where every stage reads and writes. The ledgers are append-only JSONL files: a stage appends what it produced,
 * a rerun skips ids already present, and a line torn by a crash is ignored on read (see ledger.ts).
 */
export interface Workspace {
  root: string;
  warcDir: string;
  /** crawlee's own storage (request queues), kept between runs so a killed crawl resumes. */
  crawleeDir: string;
  capturesLedger: string;
  articlesLedger: string;
  extractSkipsLedger: string;
  tagsLedger: string;
  runsLedger: string;
  dbPath: string;
  reportDir: string;
  lockFile: string;
}

export const DEFAULT_WORKDIR = "data/run";
export const DEFAULT_DB = "data/framewatch.duckdb";
export const DEFAULT_REPORT_DIR = "data/report";

export interface WorkspaceOptions {
  workdir?: string;
  db?: string;
  report?: string;
}

/** Resolves the workspace layout (relative paths against the current directory). Creates no files. */
export function workspace(options: WorkspaceOptions = {}): Workspace {
  const root = resolve(options.workdir ?? DEFAULT_WORKDIR);
  return {
    root,
    warcDir: join(root, "warc"),
    crawleeDir: join(root, "crawlee"),
    capturesLedger: join(root, "captures.jsonl"),
    articlesLedger: join(root, "articles.jsonl"),
    extractSkipsLedger: join(root, "extract-skips.jsonl"),
    tagsLedger: join(root, "tags.jsonl"),
    runsLedger: join(root, "runs.jsonl"),
    dbPath: resolve(options.db ?? (options.workdir ? join(root, "framewatch.duckdb") : DEFAULT_DB)),
    reportDir: resolve(options.report ?? (options.workdir ? join(root, "report") : DEFAULT_REPORT_DIR)),
    lockFile: join(root, "framewatch.lock"),
  };
}

/** Creates the workspace folders that stages write into. */
export function ensureWorkspace(ws: Workspace): void {
  mkdirSync(ws.root, { recursive: true });
  mkdirSync(ws.warcDir, { recursive: true });
}

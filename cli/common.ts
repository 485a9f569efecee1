import type { Command } from "commander";
import { DEFAULT_DB, DEFAULT_REPORT_DIR, DEFAULT_WORKDIR, type Workspace, workspace } from "../core/workspace.ts";
import { DEFAULT_REGISTRY } from "../crawlers/registry/index.ts";
import { DEFAULT_CODEBOOK } from "../pipeline/codebook/index.ts";

/** Options every stage command shares. */
export interface WorkspaceFlags {
  workdir?: string;
  db?: string;
  report?: string;
  codebook: string;
  registry: string;
}

/** Adds --workdir/--db/--report/--codebook/--registry to a command. */
export function withWorkspaceOptions(command: Command): Command {
  return command
    .option("--workdir <dir>", `staging folder for WARC files and stage ledgers (default ${DEFAULT_WORKDIR})`)
    .option("--db <file>", `DuckDB database (default ${DEFAULT_DB}, or <workdir>/framewatch.duckdb with --workdir)`)
    .option("--report <dir>", `static report folder (default ${DEFAULT_REPORT_DIR}, or <workdir>/report)`)
    .option("--codebook <file>", "study codebook", "data/codebooks/venezuela-2024.yaml")
    .option("--registry <file>", "outlet registry", DEFAULT_REGISTRY);
}

export function workspaceFrom(flags: WorkspaceFlags): Workspace {
  return workspace({ workdir: flags.workdir, db: flags.db, report: flags.report });
}

/** Parses a positive integer option or throws a message naming the option. */
export function positiveInt(name: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
    return n;
  };
}

export { DEFAULT_CODEBOOK };

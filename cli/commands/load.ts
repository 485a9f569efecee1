import type { Command } from "commander";
import { CliError } from "../../core/errors.ts";
import { terminalProgress } from "../../core/progress.ts";
import { loadRegistry } from "../../crawlers/registry/index.ts";
import { loadCodebook } from "../../pipeline/codebook/index.ts";
import { loadFromParquet } from "../../pipeline/load/from-parquet.ts";
import { DatabaseLockedError, formatSummary, runLoad } from "../../pipeline/load/index.ts";
import { positiveInt, type WorkspaceFlags, withWorkspaceOptions, workspaceFrom } from "../common.ts";

interface LoadFlags extends WorkspaceFlags {
  waitMs?: number;
  batchLines?: number;
  fromParquet?: string[];
}

/** `framewatch load`: workspace ledgers → DuckDB tables and views (incremental; safe to rerun at any time). */
export function registerLoad(program: Command): void {
  withWorkspaceOptions(
    program
      .command("load")
      .description(
        "load the workspace ledgers (captures, articles, tags, runs) into DuckDB; reruns add only what is new",
      )
      .option("--wait-ms <ms>", "how long to wait while another process holds the database", positiveInt("--wait-ms"))
      .option(
        "--batch-lines <n>",
        "ledger lines per transaction (the write lock is held for one batch)",
        positiveInt("--batch-lines"),
      ),
  ).action(async (flags: LoadFlags) => {
    const ws = workspaceFrom(flags);
    const registry = loadRegistry(flags.registry);
    const codebook = loadCodebook(flags.codebook);
    try {
      const summary = flags.fromParquet
        ? await loadFromParquet(ws.dbPath, flags.fromParquet, {
            registry,
            codebook,
            progress: terminalProgress(),
            waitMs: flags.waitMs,
          })
        : await runLoad(ws, {
            registry,
            codebook,
            progress: terminalProgress(),
            waitMs: flags.waitMs,
            batchLines: flags.batchLines,
          });
      process.stdout.write(`load: ${formatSummary(summary)}\ndatabase: ${ws.dbPath}\n`);
    } catch (error) {
      if (error instanceof DatabaseLockedError)
        throw new CliError(`${error.message}; rerun load later`, 3, { cause: error });
      throw error;
    }
  });
}

import { existsSync } from "node:fs";
import type { Command } from "commander";
import { CliError } from "../../core/errors.ts";
import { terminalProgress } from "../../core/progress.ts";
import { loadCodebook } from "../../pipeline/codebook/index.ts";
import { DatabaseLockedError } from "../../pipeline/load/db.ts";
import { buildReport } from "../../pipeline/report/index.ts";
import { positiveInt, type WorkspaceFlags, withWorkspaceOptions, workspaceFrom } from "../common.ts";

interface ReportFlags extends WorkspaceFlags {
  waitMs?: number;
}

/** `framewatch report`: DuckDB views → static report pages (Plot SVG), openable from file:// or any static server. */
export function registerReport(program: Command): void {
  withWorkspaceOptions(
    program
      .command("report")
      .description(
        "build the static comparative report (overview, frames, recognition, sources, claims, outlets, articles)",
      )
      .option("--wait-ms <ms>", "how long to wait while another process holds the database", positiveInt("--wait-ms")),
  ).action(async (flags: ReportFlags) => {
    const ws = workspaceFrom(flags);
    if (!existsSync(ws.dbPath)) {
      throw new CliError(`no database at ${ws.dbPath}: run \`framewatch load\` first (or pass --db / --workdir)`);
    }
    const codebook = loadCodebook(flags.codebook);
    try {
      const result = await buildReport({
        dbPath: ws.dbPath,
        outDir: ws.reportDir,
        codebook,
        progress: terminalProgress(),
        waitMs: flags.waitMs,
      });
      process.stdout.write(`report: ${result.pages} pages\n${result.index}\n`);
    } catch (error) {
      if (error instanceof DatabaseLockedError) throw new CliError(error.message, 1, { cause: error });
      throw error;
    }
  });
}

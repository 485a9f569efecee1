import type { Command } from "commander";
import { CliError, errorMessage } from "../../core/errors.ts";
import { terminalProgress } from "../../core/progress.ts";
import { workspace } from "../../core/workspace.ts";
import { DatabaseLockedError } from "../../pipeline/load/db.ts";
import { EXPORT_FORMATS, type ExportFormat, runExport } from "../../pipeline/load/export.ts";
import { positiveInt } from "../common.ts";

interface ExportFlags {
  workdir?: string;
  db?: string;
  format: string;
  out: string;
  since?: string;
  waitMs?: number;
}

/** `framewatch export`: lock-free snapshots (Parquet/CSV/JSONL) of the tables and views for analysts. */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description(
      "write Hive-partitioned Parquet (or CSV/JSONL) snapshots of the tables and views, readable with no lock",
    )
    .option("--workdir <dir>", "workspace folder (the database defaults to <workdir>/framewatch.duckdb)")
    .option("--db <file>", "DuckDB database (default data/framewatch.duckdb)")
    .option("--format <format>", `output format: ${EXPORT_FORMATS.join(", ")}`, "parquet")
    .requiredOption("--out <dir>", "export folder (replaced atomically by the new snapshot)")
    .option("--since <YYYY-MM-DD>", "only articles published (captures fetched) on or after this day")
    .option("--wait-ms <ms>", "how long to wait while a load holds the database", positiveInt("--wait-ms"))
    .action(async (flags: ExportFlags) => {
      if (!EXPORT_FORMATS.includes(flags.format as ExportFormat)) {
        throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(", ")}, got "${flags.format}"`, 2);
      }
      const dbPath = workspace({ workdir: flags.workdir, db: flags.db }).dbPath;
      try {
        const manifest = await runExport(dbPath, {
          format: flags.format as ExportFormat,
          out: flags.out,
          since: flags.since,
          waitMs: flags.waitMs,
          progress: terminalProgress(),
        });
        const articles = manifest.datasets.articles?.rows ?? 0;
        process.stdout.write(
          `export: ${Object.keys(manifest.datasets).length} datasets (${articles} articles) as ${manifest.format} in ${flags.out}\n`,
        );
      } catch (error) {
        if (error instanceof DatabaseLockedError) throw new CliError(error.message, 3, { cause: error });
        throw new CliError(`export failed: ${errorMessage(error)}`, 1, { cause: error });
      }
    });
}

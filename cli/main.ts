import { Command, CommanderError } from "commander";
import { CliError, InputError } from "../core/errors.ts";
import { registerCrawl } from "./commands/crawl.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerEval } from "./commands/eval.ts";
import { registerExport } from "./commands/export.ts";
import { registerExtract } from "./commands/extract.ts";
import { registerIngest } from "./commands/ingest.ts";
import { registerLoad } from "./commands/load.ts";
import { registerOutlets } from "./commands/outlets.ts";
import { registerReport } from "./commands/report.ts";
import { registerSchedule } from "./commands/schedule.ts";
import { registerSql } from "./commands/sql.ts";
import { registerTag } from "./commands/tag.ts";

/** Builds the `framewatch` command tree; every stage is a subcommand usable on its own. */
export function buildProgram(): Command {
  const program = new Command("framewatch")
    .description("Crawl news outlets, tag how they frame a story, compare them in DuckDB and static reports.")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerDemo,
    registerCrawl,
    registerSchedule,
    registerIngest,
    registerOutlets,
    registerExtract,
    registerTag,
    registerEval,
    registerLoad,
    registerReport,
    registerSql,
    registerExport,
  ]) {
    register(program);
  }
  return program;
}

/** Runs the CLI and returns the exit code (errors are printed, not thrown). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError) {
      process.stderr.write(`framewatch: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof InputError) {
      process.stderr.write(`framewatch: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `framewatch: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

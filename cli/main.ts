import { Command, CommanderError } from "commander";
import { CliError, InputError } from "../core/errors.ts";

type Register = (program: Command) => void;

/**
 * Command modules, loaded on demand: each pulls in its stage's dependencies (natural, compromise, playwright, DuckDB,
 * Plot …), ≈4 s of imports together, so a process imports only the command it runs.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  demo: async () => (await import("./commands/demo.ts")).registerDemo,
  crawl: async () => (await import("./commands/crawl.ts")).registerCrawl,
  schedule: async () => (await import("./commands/schedule.ts")).registerSchedule,
  ingest: async () => (await import("./commands/ingest.ts")).registerIngest,
  outlets: async () => (await import("./commands/outlets.ts")).registerOutlets,
  extract: async () => (await import("./commands/extract.ts")).registerExtract,
  tag: async () => (await import("./commands/tag.ts")).registerTag,
  eval: async () => (await import("./commands/eval.ts")).registerEval,
  load: async () => (await import("./commands/load.ts")).registerLoad,
  report: async () => (await import("./commands/report.ts")).registerReport,
  sql: async () => (await import("./commands/sql.ts")).registerSql,
  export: async () => (await import("./commands/export.ts")).registerExport,
};

/**
 * Builds the `framewatch` command tree; every stage is a subcommand usable on its own. With `only`, just that
 * command is registered (when it names one), which is all a run of it needs.
 */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command("framewatch")
    .description("Crawl news outlets, tag how they frame a story, compare them in DuckDB and static reports.")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  const names = only && Object.hasOwn(COMMANDS, only) ? [only] : Object.keys(COMMANDS);
  for (const name of names) {
    const register = await COMMANDS[name]?.();
    register?.(program);
  }
  return program;
}

/** Runs the CLI and returns the exit code (errors are printed, not thrown). */
export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv[2]);
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

import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { CliError, errorMessage } from "../../core/errors.ts";
import { workspace } from "../../core/workspace.ts";
import { DatabaseLockedError } from "../../pipeline/load/db.ts";
import { formatResult, OUTPUT_FORMATS, type OutputFormat } from "../../pipeline/load/format.ts";
import { parseParams, runSql } from "../../pipeline/load/sql.ts";
import { positiveInt } from "../common.ts";

interface SqlFlags {
  workdir?: string;
  db?: string;
  command?: string;
  file?: string;
  format: string;
  param: string[];
  write?: boolean;
  waitMs?: number;
}

const HISTORY_SIZE = 1000;
const HISTORY_FILE = () => process.env.FRAMEWATCH_HISTORY ?? join(homedir(), ".framewatch_history");

/** `framewatch sql`: query the database (read-only by default) from a flag, a file or an interactive prompt. */
export function registerSql(program: Command): void {
  program
    .command("sql")
    .description("run SQL against the DuckDB database (read-only by default; see docs/schema.md for tables and views)")
    .option("--workdir <dir>", "workspace folder (the database defaults to <workdir>/framewatch.duckdb)")
    .option("--db <file>", "DuckDB database (default data/framewatch.duckdb)")
    .option("-c, --command <sql>", "run this SQL and exit")
    .option("-f, --file <file>", "run the SQL in this file and exit")
    .option("--format <format>", `output format: ${OUTPUT_FORMATS.join(", ")}`, "table")
    .option(
      "--param <name=value>",
      "bind $name to value (repeatable; numbers/booleans typed, name:=value for text)",
      collect,
      [],
    )
    .option("--write", "open read-write (blocks loads while a statement runs)")
    .option("--wait-ms <ms>", "how long to wait while a load holds the database", positiveInt("--wait-ms"))
    .action(async (flags: SqlFlags) => {
      const format = flags.format as OutputFormat;
      if (!OUTPUT_FORMATS.includes(format))
        throw new CliError(`--format must be one of ${OUTPUT_FORMATS.join(", ")}`, 2);
      let params: Record<string, unknown>;
      try {
        params = parseParams(flags.param);
      } catch (error) {
        throw new CliError(errorMessage(error), 2);
      }
      const dbPath = workspace({ workdir: flags.workdir, db: flags.db }).dbPath;
      if (!flags.write && !existsSync(dbPath))
        throw new CliError(`no database at ${dbPath}; run framewatch load first`, 2);
      const options = { params, write: flags.write, waitMs: flags.waitMs };
      if (flags.command !== undefined || flags.file !== undefined) {
        const sql = flags.command ?? readSqlFile(flags.file as string);
        await execute(dbPath, sql, format, options, true);
        return;
      }
      await repl(dbPath, format, options);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function readSqlFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${errorMessage(error)}`, 2, { cause: error });
  }
}

async function execute(
  dbPath: string,
  sql: string,
  format: OutputFormat,
  options: Parameters<typeof runSql>[2],
  fail: boolean,
): Promise<void> {
  try {
    for (const result of await runSql(dbPath, sql, options)) process.stdout.write(formatResult(result, format));
  } catch (error) {
    const message = error instanceof DatabaseLockedError ? error.message : `SQL error: ${errorMessage(error)}`;
    if (fail) throw new CliError(message, 1, { cause: error });
    process.stderr.write(`${message}\n`);
  }
}

/**
 * Interactive prompt: statements end with ";" (several lines allowed); ".format csv", ".tables", ".help", ".quit".
 * The database is opened per statement, so an idle prompt never holds the file.
 */
async function repl(dbPath: string, initial: OutputFormat, options: Parameters<typeof runSql>[2]): Promise<void> {
  const historyFile = HISTORY_FILE();
  const history = existsSync(historyFile)
    ? readFileSync(historyFile, "utf8").split("\n").filter(Boolean).slice(-HISTORY_SIZE).reverse()
    : [];
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    history,
    historySize: HISTORY_SIZE,
    terminal: process.stdin.isTTY,
  });
  let format = initial;
  let buffer = "";
  const prompt = () => rl.setPrompt(buffer ? "      …> " : "framewatch> ");
  process.stdout.write(
    `framewatch sql on ${dbPath} (${options?.write ? "read-write" : "read-only"}); .help for help\n`,
  );
  prompt();
  rl.prompt();
  for await (const line of rl) {
    const trimmed = line.trim();
    if (!buffer && trimmed.startsWith(".")) {
      const [command, arg] = trimmed.split(/\s+/);
      if (command === ".quit" || command === ".exit") break;
      if (command === ".format" && OUTPUT_FORMATS.includes(arg as OutputFormat)) format = arg as OutputFormat;
      else if (command === ".tables") {
        await execute(
          dbPath,
          "SELECT table_name AS name, table_type AS kind FROM information_schema.tables ORDER BY kind, name",
          format,
          options,
          false,
        );
      } else process.stdout.write(`.format ${OUTPUT_FORMATS.join("|")}   .tables   .quit   (end SQL with ;)\n`);
    } else if (trimmed) {
      buffer += `${line}\n`;
      if (trimmed.endsWith(";")) {
        const sql = buffer.trim();
        buffer = "";
        appendFileSync(historyFile, `${sql.replace(/\s*\n\s*/g, " ")}\n`);
        await execute(dbPath, sql, format, options, false);
      }
    }
    prompt();
    rl.prompt();
  }
  rl.close();
}

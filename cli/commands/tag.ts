import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { CliError } from "../../core/errors.ts";
import { terminalProgress } from "../../core/progress.ts";
import { loadCodebook } from "../../pipeline/codebook/index.ts";
import { createTagger } from "../../pipeline/tag/index.ts";
import { tagLines } from "../../pipeline/tag/io.ts";
import { runTag } from "../../pipeline/tag/run.ts";
import { type WorkspaceFlags, withWorkspaceOptions, workspaceFrom } from "../common.ts";

interface TagFlags extends WorkspaceFlags {
  input?: string;
  output?: string;
}

/** `framewatch tag`: tags a JSONL file (--input/--output, "-" for stdin/stdout) or the workspace's new articles. */
export function registerTag(program: Command): void {
  withWorkspaceOptions(
    program
      .command("tag")
      .description(
        "Tag frames, recognitions, sources and claims: a JSONL file with --input, else the workspace's articles",
      )
      .option("--input <file>", 'JSONL of {"id","text","language"?,…} per line ("-" for stdin)')
      .option("--output <file>", 'JSONL output, one line per input line ("-" or absent for stdout)'),
  ).action(async (flags: TagFlags) => {
    if (!flags.input) {
      if (flags.output) throw new CliError("--output needs --input (without --input, tag works on the workspace)");
      const ws = workspaceFrom(flags);
      const { tagged, skipped } = await runTag(ws, { codebookPath: flags.codebook, progress: terminalProgress() });
      process.stderr.write(`tagged ${tagged} article version(s), ${skipped} already tagged\n`);
      return;
    }
    if (flags.input !== "-" && !existsSync(flags.input)) throw new CliError(`--input ${flags.input}: no such file`);
    const tagger = createTagger(loadCodebook(flags.codebook));
    const input = flags.input === "-" ? process.stdin : createReadStream(flags.input, { encoding: "utf8" });
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    const toFile = flags.output && flags.output !== "-";
    const target = toFile ? `${flags.output}.tmp-${process.pid}` : null;
    const out = target ? createWriteStream(target, { encoding: "utf8" }) : process.stdout;
    let result: { tagged: number; errors: number };
    try {
      result = await tagLines(
        tagger,
        lines,
        (line) => out.write(`${line}\n`),
        (message) =>
          process.stderr.write(`framewatch tag: ${flags.input === "-" ? "stdin" : flags.input}: ${message}\n`),
      );
    } catch (error) {
      if (target) rmSync(target, { force: true });
      throw error;
    }
    if (target && flags.output) {
      await new Promise<void>((resolve, reject) =>
        (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())),
      );
      renameSync(target, flags.output);
    }
    if (result.errors > 0) {
      process.stderr.write(`framewatch tag: ${result.errors} bad line(s), ${result.tagged} tagged\n`);
      process.exitCode = 1;
    }
  });
}

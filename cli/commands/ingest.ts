import type { Command } from "commander";
import { CliError, errorMessage } from "../../core/errors.ts";
import { parseShard, selectShard } from "../../core/shard.ts";
import { ingestWarc } from "../../crawlers/ingest.ts";
import { crawlProgress } from "../../crawlers/log.ts";
import { runProcessStep } from "../../crawlers/process-step.ts";
import { loadRegistry } from "../../crawlers/registry/index.ts";
import { type WorkspaceFlags, withWorkspaceOptions, workspaceFrom } from "../common.ts";
import { summariseProcess } from "./crawl.ts";

interface IngestFlags extends WorkspaceFlags {
  warc: string[];
  process: boolean;
  shard?: string;
}

/** `framewatch ingest --warc FILE…`: import existing WARC archives (e.g. CC-NEWS) as captures, then process. */
export function registerIngest(program: Command): void {
  withWorkspaceOptions(
    program
      .command("ingest")
      .description("import existing WARC archives (e.g. Common Crawl CC-NEWS) into the captures ledger, then process")
      .requiredOption("--warc <files...>", "WARC files (.warc or .warc.gz)")
      .option("--no-process", "import only")
      .option(
        "--shard <i/n>",
        "import only shard i of n (0-based) of the --warc files, chosen by a stable hash of each file name; give each shard its own --workdir",
      ),
  ).action(async (flags: IngestFlags) => {
    if (flags.warc.length === 0) throw new CliError("--warc needs at least one file");
    let files = flags.warc;
    if (flags.shard !== undefined) {
      try {
        files = selectShard(files, parseShard(flags.shard));
      } catch (error) {
        throw new CliError(errorMessage(error), 2, { cause: error });
      }
      process.stdout.write(`ingest: shard ${flags.shard} takes ${files.length} of ${flags.warc.length} WARC files\n`);
      if (files.length === 0) return;
    }
    const ws = workspaceFrom(flags);
    const registry = loadRegistry(flags.registry);
    const progress = crawlProgress();
    const s = await ingestWarc({ workspace: ws, registry, files, progress });
    const lines = [
      `ingest ${s.runId}: ${s.records} response records, ${s.imported} imported (${s.articles} article pages), ${s.duplicates} already imported, ${s.unknownHost} from hosts outside the registry, ${s.outsidePatterns} outside the outlets' URL patterns`,
    ];
    if (s.topUnknownHosts.length > 0)
      lines.push(`  most frequent unknown hosts: ${s.topUnknownHosts.map(([h, n]) => `${h} (${n})`).join(", ")}`);
    for (const [id, n] of Object.entries(s.byOutlet)) lines.push(`  ${id}: ${n}`);
    for (const e of s.errors) lines.push(`  error: ${e}`);
    process.stdout.write(`${lines.join("\n")}\n`);
    if (s.errors.length > 0) process.exitCode = 1;
    if (flags.process) {
      const { result, note } = await runProcessStep(ws, { codebookPath: flags.codebook, registry, progress });
      process.stdout.write(`${note ?? summariseProcess(result)}\n`);
    }
  });
}

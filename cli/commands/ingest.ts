import type { Command } from "commander";
import { CliError } from "../../core/errors.ts";
import { ingestWarc } from "../../crawlers/ingest.ts";
import { crawlProgress } from "../../crawlers/log.ts";
import { runProcessStep } from "../../crawlers/process-step.ts";
import { loadRegistry } from "../../crawlers/registry/index.ts";
import { type WorkspaceFlags, withWorkspaceOptions, workspaceFrom } from "../common.ts";
import { summariseProcess } from "./crawl.ts";

interface IngestFlags extends WorkspaceFlags {
  warc: string[];
  process: boolean;
}

/** `framewatch ingest --warc FILE…`: import existing WARC archives (e.g. CC-NEWS) as captures, then process. */
export function registerIngest(program: Command): void {
  withWorkspaceOptions(
    program
      .command("ingest")
      .description("import existing WARC archives (e.g. Common Crawl CC-NEWS) into the captures ledger, then process")
      .requiredOption("--warc <files...>", "WARC files (.warc or .warc.gz)")
      .option("--no-process", "import only"),
  ).action(async (flags: IngestFlags) => {
    if (flags.warc.length === 0) throw new CliError("--warc needs at least one file");
    const ws = workspaceFrom(flags);
    const registry = loadRegistry(flags.registry);
    const progress = crawlProgress();
    const s = await ingestWarc({ workspace: ws, registry, files: flags.warc, progress });
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

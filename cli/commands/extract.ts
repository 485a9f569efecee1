import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { Command } from "commander";
import { CliError } from "../../core/errors.ts";
import { terminalProgress } from "../../core/progress.ts";
import { loadRegistry } from "../../crawlers/registry/index.ts";
import { loadCodebook } from "../../pipeline/codebook/index.ts";
import { extractArticle } from "../../pipeline/extract/index.ts";
import { runExtract } from "../../pipeline/extract/run.ts";
import { type WorkspaceFlags, withWorkspaceOptions, workspaceFrom } from "../common.ts";

interface ExtractFlags extends WorkspaceFlags {
  html?: string[];
  output?: string;
  url?: string;
}

const HTML_FILE = /\.html?(\.gz)?$/i;

/** Every HTML file named, or inside a named folder (sorted, so output order is stable). */
function htmlFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) throw new CliError(`--html: ${path} does not exist`);
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) if (HTML_FILE.test(name)) out.push(join(path, name));
    } else {
      out.push(path);
    }
  }
  return out;
}

function fileId(path: string): string {
  return basename(path)
    .replace(/\.gz$/i, "")
    .replace(/\.html?$/i, "");
}

/** `framewatch extract`: the workspace's captures → articles, or `--html` files → JSONL of extracted pages. */
export function registerExtract(program: Command): void {
  withWorkspaceOptions(
    program
      .command("extract")
      .description("extract articles from captured pages (or, with --html, from HTML files into JSONL)")
      .option("--html <paths...>", "HTML files (.html or .html.gz) or folders of them, instead of the workspace")
      .option("--output <file>", "with --html: JSONL output file (default: stdout)")
      .option("--url <url>", "with --html: base URL of the pages (for relative links and URL dates)"),
  ).action(async (flags: ExtractFlags) => {
    if (flags.html) {
      extractFiles(flags);
      return;
    }
    const ws = workspaceFrom(flags);
    if (!existsSync(ws.capturesLedger))
      throw new CliError(`no captures in ${ws.root} (run \`framewatch crawl\` or \`ingest\` first)`);
    const registry = loadRegistry(flags.registry);
    const topic = loadCodebook(flags.codebook).codebook.topic;
    const summary = await runExtract(ws, { registry, topic, progress: terminalProgress() });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  });
}

function extractFiles(flags: ExtractFlags): void {
  const files = htmlFiles(flags.html ?? []);
  let out = "";
  for (const file of files) {
    const raw = readFileSync(file);
    const bytes = /\.gz$/i.test(file) ? gunzipSync(raw) : raw;
    const id = fileId(file);
    const outcome = extractArticle(bytes, { url: flags.url ?? `file:///${encodeURIComponent(id)}.html` });
    const page = outcome.ok ? outcome.page : null;
    if (!outcome.ok) process.stderr.write(`extract: ${file}: ${outcome.reason}\n`);
    out += `${JSON.stringify({
      id,
      text: page?.text ?? null,
      title: page?.title ?? null,
      authors: page && page.authors.length > 0 ? page.authors : null,
      published: page?.published ?? null,
      language: page?.language ?? null,
      canonical: page?.canonical ?? null,
    })}\n`;
  }
  if (!flags.output) {
    process.stdout.write(out);
    return;
  }
  const tmp = `${flags.output}.tmp-${process.pid}`;
  writeFileSync(tmp, out);
  renameSync(tmp, flags.output);
  process.stderr.write(`extract: ${files.length} file(s) → ${flags.output}\n`);
}

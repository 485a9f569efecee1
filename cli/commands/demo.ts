import type { Command } from "commander";
import { terminalProgress } from "../../core/progress.ts";
import { DEMO_PORT, runDemo } from "../../demo/run.ts";
import { loadCodebook } from "../../pipeline/codebook/index.ts";
import type { ExtractSummary } from "../../pipeline/extract/run.ts";
import { type WorkspaceFlags, withWorkspaceOptions, workspaceFrom } from "../common.ts";
import { summariseDatabase } from "../summary.ts";

interface DemoFlags extends WorkspaceFlags {
  port: string;
  edition?: string;
  browser: boolean;
}

/** `framewatch demo`: the whole pipeline over the bundled offline demo web (what `npm start` runs). */
export function registerDemo(program: Command): void {
  withWorkspaceOptions(
    program
      .command("demo")
      .description("serve the bundled demo web on 127.0.0.x and run crawl → extract → tag → load → report over it")
      .option("--port <n>", "port of the demo web (0 = any free port)", String(DEMO_PORT))
      .option(
        "--edition <1|2>",
        "serve edition 1 (first crawl) or 2 (later, with an edited article); default: automatic",
      )
      .option("--no-browser", "do not use chromium for the JavaScript-rendered outlet"),
  ).action(async (flags: DemoFlags) => {
    const ws = workspaceFrom(flags);
    const port = Number(flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`--port must be 0–65535, got "${flags.port}"`);
    const edition = flags.edition === undefined ? undefined : flags.edition === "2" ? 2 : 1;
    const progress = terminalProgress();
    const started = Date.now();
    const result = await runDemo({
      workspace: ws,
      codebookPath: flags.codebook,
      port,
      edition,
      browser: flags.browser ? "auto" : "never",
      progress,
    });
    const seconds = (Date.now() - started) / 1000;
    const out: string[] = [];
    out.push("");
    out.push(`framewatch demo: run ${result.runId}, demo web edition ${result.edition} on port ${result.port}`);
    if (result.portNote) out.push(`  note: ${result.portNote}`);
    const c = result.crawl;
    out.push(
      `crawl:    ${c.fetched} fetched, ${c.skippedSeen} already seen and skipped, ${c.unchanged} unchanged, ${c.failed} failed (the crawl_failures view lists them), ${c.robotsBlocked} blocked by robots.txt`,
    );
    if (c.browserNote) out.push(`          ${c.browserNote}`);
    const p = result.process;
    out.push(`extract:  ${describeExtract(p.extract)}`);
    out.push(`tag:      ${p.tag.tagged} article versions tagged, ${p.tag.skipped} already tagged`);
    out.push(...(await summariseDatabase(ws.dbPath, loadCodebook(flags.codebook).codebook.frames)));
    out.push(`db file:  ${ws.dbPath}`);
    if (p.report) out.push(`report:   ${p.report.index}`);
    out.push(`done in ${seconds.toFixed(1)} s`);
    process.stdout.write(`${out.join("\n")}\n`);
  });
}

/** "71 captures: 61 article versions (1 repeats another outlet's text); skipped 3 off_topic, 7 unchanged". */
function describeExtract(e: ExtractSummary): string {
  const skipped = Object.entries(e.skipped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${reason}`);
  return [
    `${e.considered} new captures: ${e.articles} article versions`,
    e.duplicates > 0 ? ` (${e.duplicates} repeating an earlier text)` : "",
    skipped.length > 0 ? `; skipped ${skipped.join(", ")}` : "",
    e.alreadyDone > 0 ? `; ${e.alreadyDone} captures done in earlier runs` : "",
  ].join("");
}

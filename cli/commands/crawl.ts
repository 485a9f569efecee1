import type { Command } from "commander";
import { CliError } from "../../core/errors.ts";
import { type CrawlSummary, crawl } from "../../crawlers/index.ts";
import { crawlProgress } from "../../crawlers/log.ts";
import { runProcessStep } from "../../crawlers/process-step.ts";
import { loadRegistry } from "../../crawlers/registry/index.ts";
import { loadCodebook } from "../../pipeline/codebook/index.ts";
import { positiveInt, type WorkspaceFlags, withWorkspaceOptions, workspaceFrom } from "../common.ts";

interface CrawlFlags extends WorkspaceFlags {
  outlets?: string;
  maxPages?: number;
  maxBytes?: number;
  browser: boolean;
  userAgent?: string;
  contact?: string;
  politeness: boolean;
  process?: boolean;
}

/** `framewatch crawl`: fetch the registry's outlets into the workspace (captures + WARC), optionally process them. */
export function registerCrawl(program: Command): void {
  withWorkspaceOptions(
    program
      .command("crawl")
      .description("crawl the registry's outlets (feeds, sitemaps, sections → articles) into WARC + captures.jsonl")
      .option("--outlets <ids>", "comma-separated outlet ids (default: all)")
      .option("--max-pages <n>", "article pages per outlet in this run", positiveInt("--max-pages"))
      .option("--max-bytes <n>", "body bytes per run", positiveInt("--max-bytes"))
      .option("--no-browser", "never start chromium; pages of browser outlets are skipped")
      .option("--user-agent <ua>", "User-Agent (default: framewatch/0.1 (+contact))")
      .option("--contact <url-or-email>", "contact put in the User-Agent")
      .option("--no-politeness", "no per-host delays/limits (robots.txt still honoured); only for your own mirrors")
      .option("--process", "run extract → tag → load → report afterwards"),
  ).action(async (flags: CrawlFlags) => {
    const ws = workspaceFrom(flags);
    const registry = loadRegistry(flags.registry);
    const topic = loadCodebook(flags.codebook).codebook.topic;
    const outlets = flags.outlets
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = outlets?.filter((id) => !registry.outlets.some((o) => o.id === id)) ?? [];
    if (unknown.length > 0)
      throw new CliError(`--outlets: unknown outlet id(s) ${unknown.join(", ")} in ${flags.registry}`);
    const progress = crawlProgress();
    if (!flags.contact && !flags.userAgent) {
      progress.log("crawl: no --contact given; please name a URL or e-mail address site owners can reach you at");
    }
    const controller = new AbortController();
    const onSignal = () => {
      progress.log("crawl: stopping (signal received); the next run resumes where this one stopped");
      controller.abort();
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    let summary: CrawlSummary;
    try {
      summary = await crawl({
        workspace: ws,
        registry,
        topic,
        outlets,
        maxPagesPerOutlet: flags.maxPages,
        maxBytesPerRun: flags.maxBytes,
        browser: flags.browser ? "auto" : "never",
        userAgent: flags.userAgent,
        contact: flags.contact,
        politeness: flags.politeness,
        progress,
        signal: controller.signal,
      });
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    process.stdout.write(`${formatSummary(summary)}\n`);
    if (flags.process) {
      const { result, note } = await runProcessStep(ws, { codebookPath: flags.codebook, registry, progress });
      process.stdout.write(`${note ?? summariseProcess(result)}\n`);
    }
  });
}

/** Human-readable crawl summary (also used by schedule). */
export function formatSummary(s: CrawlSummary): string {
  const lines = [
    `crawl ${s.runId}${s.resumed.length > 0 ? ` (resumed ${s.resumed.join(", ")})` : ""}`,
    `  fetched ${s.fetched} · new article pages ${s.newArticlePages} · unchanged ${s.unchanged} · already seen, skipped ${s.skippedSeen}`,
    `  failed ${s.failed} · robots.txt blocked ${s.robotsBlocked} · off topic ${s.offTopicSkipped} · out of window ${s.outOfWindowSkipped} · deferred ${s.deferred}`,
    `  browser pages ${s.browserPages} · browser skipped ${s.browserSkipped}`,
  ];
  if (s.browserNote) lines.push(`  ${s.browserNote}`);
  const outlets = Object.entries(s.byOutlet).filter(([, c]) => c.fetched + c.failed > 0);
  if (outlets.length > 0) {
    const width = Math.max(...outlets.map(([id]) => id.length));
    lines.push(
      ...outlets.map(
        ([id, c]) => `  ${id.padEnd(width)}  fetched ${c.fetched}, articles ${c.articles}, failed ${c.failed}`,
      ),
    );
  }
  return lines.join("\n");
}

/** One line about the later stages: the counts a reader looks for, not the whole summary object. */
export function summariseProcess(result: unknown): string {
  const r = (result ?? {}) as { extract?: { articles?: number }; tag?: { tagged?: number }; report?: unknown };
  const parts = [
    `extract: ${r.extract?.articles ?? "?"} new article versions`,
    `tag: ${r.tag?.tagged ?? "?"} tagged`,
    "load: done",
    `report: ${r.report ? "built" : "skipped"}`,
  ];
  return `process: ${parts.join(" · ")}`;
}

import type { Command } from "commander";
import { CliError } from "../../core/errors.ts";
import { crawlProgress } from "../../crawlers/log.ts";
import { loadRegistry } from "../../crawlers/registry/index.ts";
import { type CycleResult, cronProblem, runCycle, startSchedule } from "../../crawlers/schedule.ts";
import { loadCodebook } from "../../pipeline/codebook/index.ts";
import { positiveInt, type WorkspaceFlags, withWorkspaceOptions, workspaceFrom } from "../common.ts";
import { formatSummary } from "./crawl.ts";

interface ScheduleFlags extends WorkspaceFlags {
  cron: string;
  once?: boolean;
  outlets?: string;
  maxPages?: number;
  browser: boolean;
  contact?: string;
  process: boolean;
}

/** `framewatch schedule`: crawl → process on a cron expression, one cycle at a time (workspace lock). */
export function registerSchedule(program: Command): void {
  withWorkspaceOptions(
    program
      .command("schedule")
      .description("run crawl → process on a cron schedule (never two at once; each cycle recorded in runs.jsonl)")
      .option("--cron <expr>", "cron expression (croner syntax, local time)", "0 */6 * * *")
      .option("--once", "run one cycle now and exit")
      .option("--outlets <ids>", "comma-separated outlet ids (default: all)")
      .option("--max-pages <n>", "article pages per outlet per cycle", positiveInt("--max-pages"))
      .option("--no-browser", "never start chromium")
      .option("--contact <url-or-email>", "contact put in the User-Agent")
      .option("--no-process", "crawl only"),
  ).action(async (flags: ScheduleFlags) => {
    const problem = cronProblem(flags.cron);
    if (problem) throw new CliError(`--cron "${flags.cron}": ${problem}`);
    const ws = workspaceFrom(flags);
    const registry = loadRegistry(flags.registry);
    const topic = loadCodebook(flags.codebook).codebook.topic;
    const progress = crawlProgress();
    const controller = new AbortController();
    const options = {
      crawl: {
        workspace: ws,
        registry,
        topic,
        outlets: flags.outlets
          ?.split(",")
          .map((s) => s.trim())
          .filter(Boolean),
        maxPagesPerOutlet: flags.maxPages,
        browser: flags.browser ? ("auto" as const) : ("never" as const),
        contact: flags.contact,
      },
      codebookPath: flags.codebook,
      noProcess: !flags.process,
      progress,
      signal: controller.signal,
    };
    const report = (result: CycleResult) => {
      const r = result.record;
      const lines = [`schedule ${r.runId}: ${r.status}${result.skipped ? ` (${result.skipped})` : ""}`];
      if (result.crawl) lines.push(formatSummary(result.crawl));
      for (const e of r.errors) lines.push(`  ${e}`);
      process.stdout.write(`${lines.join("\n")}\n`);
    };
    if (flags.once) {
      const result = await runCycle(options);
      report(result);
      if (result.record.status === "failed") process.exitCode = 1;
      return;
    }
    const schedule = startSchedule(flags.cron, options, (result) => {
      report(result);
      process.stdout.write(`next cycle: ${schedule.nextRun()?.toISOString() ?? "none"}\n`);
    });
    process.stdout.write(
      `framewatch schedule: "${flags.cron}", next cycle ${schedule.nextRun()?.toISOString() ?? "never"}; Ctrl-C to stop\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        schedule.stop();
        controller.abort();
        resolve();
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
  });
}

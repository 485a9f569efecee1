import { browserStep } from "./browser-step.ts";
import type { CrawlContext } from "./context.ts";
import { discover } from "./discovery-step.ts";
import { exchange } from "./exchange.ts";
import { countFailure, record } from "./record.ts";
import { refuse, robotsFor } from "./robots-gate.ts";
import { isDiscoveryRole, type Task } from "./task.ts";

/**
 * One task from the queue: robots.txt first (outside the host slot, so a slot never waits on robots), then the
 * fetch in the host's politeness queue (not before `notBefore`, the retry delay), then discovery of what it lists.
 */
export async function runTask(ctx: CrawlContext, task: Task, notBefore: number): Promise<void> {
  if (ctx.aborted()) return;
  const url = new URL(task.url);
  if (task.role !== "robots") {
    const policy = await robotsFor(ctx, task.outlet, url);
    if (!policy.allowed(task.url)) {
      refuse(ctx, task, policy);
      return;
    }
  }
  await ctx.scheduler.schedule(url.host, () => fetchStep(ctx, task), notBefore);
}

async function fetchStep(ctx: CrawlContext, task: Task): Promise<void> {
  if (ctx.aborted()) return;
  const budget = ctx.deps.options.maxBytesPerRun;
  if (budget !== undefined && ctx.budget.bytes >= budget && task.role === "article") {
    ctx.summary.deferred += 1;
    if (!ctx.budget.noted)
      ctx.progress.log(`crawl: byte budget of ${budget} reached; remaining articles wait for the next run`);
    ctx.budget.noted = true;
    return;
  }
  if (task.role === "article" && task.outlet.browser && ctx.browser) {
    await browserStep(ctx, task, ctx.browser);
    return;
  }
  const outcome = await exchange(ctx, task);
  if (!outcome || !isDiscoveryRole(task.role)) return;
  // Discovery documents are recorded after parsing, so a malformed one carries its problem in the same capture.
  const problem = await discover(ctx, task, outcome.result);
  record(ctx, task, outcome.result, outcome.written, problem);
  if (problem) {
    ctx.errors.push(`${task.url}: ${problem}`);
    countFailure(ctx, task);
  }
}

import { decodeBody } from "../discovery/index.ts";
import { type RobotsPolicy, robotsPolicy } from "../fetch/robots.ts";
import type { Outlet } from "../registry/index.ts";
import type { CrawlContext } from "./context.ts";
import { exchange } from "./exchange.ts";
import { fail } from "./record.ts";
import type { Task } from "./task.ts";

export const ROBOTS_DISALLOW = "robots.txt disallows this URL";
const AGENT_TOKEN = "framewatch";

/**
 * The robots.txt policy of a URL's origin, fetched once per run (in the host's politeness queue, outside any slot a
 * page holds) and shared by every task of that origin. Crawl-delay raises the host's delay when politeness is on.
 */
export function robotsFor(ctx: CrawlContext, outlet: Outlet, url: URL): Promise<RobotsPolicy> {
  let policy = ctx.robots.get(url.origin);
  if (!policy) {
    policy = fetchRobots(ctx, outlet, url);
    ctx.robots.set(url.origin, policy);
  }
  return policy;
}

async function fetchRobots(ctx: CrawlContext, outlet: Outlet, url: URL): Promise<RobotsPolicy> {
  const robotsUrl = new URL("/robots.txt", url.origin).href;
  const task: Task = { outlet, role: "robots", url: robotsUrl, discoveredFrom: null, attempt: 1 };
  const outcome = await ctx.scheduler.schedule(url.host, () => exchange(ctx, task));
  const result = outcome?.result;
  const text = result && !result.skippedReason ? decodeBody(result.body, result.headers["content-type"] ?? null) : "";
  const policy = robotsPolicy(
    robotsUrl,
    result?.status ?? null,
    text,
    AGENT_TOKEN,
    ctx.failures.get(robotsUrl) ?? null,
  );
  if (ctx.polite && policy.crawlDelayMs !== null) {
    const current = ctx.scheduler.limits(url.host).minDelayMs;
    ctx.scheduler.configure(url.host, { minDelayMs: Math.max(current, policy.crawlDelayMs) });
  }
  return policy;
}

/** Records a URL robots.txt (or network safety, for the whole host) does not let us fetch. */
export function refuse(ctx: CrawlContext, task: Task, policy: RobotsPolicy): void {
  if (!policy.blanket?.startsWith("blocked:")) ctx.summary.robotsBlocked += 1;
  fail(ctx, task, policy.blanket ?? ROBOTS_DISALLOW, null);
}

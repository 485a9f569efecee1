import type { DiscoveryKind } from "../discovery/index.ts";
import { parseDiscovery, pickSitemaps } from "../discovery/index.ts";
import type { FetchResult } from "../fetch/http.ts";
import { considerArticle } from "./article-step.ts";
import type { CrawlContext } from "./context.ts";
import type { Task } from "./task.ts";

/**
 * Parses a feed, sitemap or section page and queues what it found: child sitemaps (picked for the study window),
 * article candidates, and the next section page while pages still yield new candidates. Returns the document's
 * problem (malformed XML recovered by pattern, …), if any.
 */
export async function discover(ctx: CrawlContext, task: Task, result: FetchResult): Promise<string | null> {
  const state = ctx.outlets.get(task.outlet.id);
  if (result.status === 304 || !state) return null;
  const found = parseDiscovery(
    task.role as DiscoveryKind,
    result.body,
    result.headers["content-type"] ?? null,
    result.finalUrl,
  );
  const next: Task[] = [];
  for (const child of pickSitemaps(found.sitemaps, ctx.deps.options.topic.window, ctx.limits.maxSitemapChildren)) {
    let url: URL;
    try {
      url = new URL(child.url);
    } catch {
      continue;
    }
    if (!state.filter.sameSite(url) || ctx.inRun.has(`sitemap ${url.href}`)) continue;
    ctx.inRun.add(`sitemap ${url.href}`);
    next.push({ outlet: task.outlet, role: "sitemap", url: url.href, discoveredFrom: task.url, attempt: 1 });
  }
  let fresh = 0;
  for (const link of found.links) {
    const verdict = await considerArticle(ctx, state, link, task.url, false);
    if (verdict.fresh) fresh += 1;
    if (verdict.task) next.push(verdict.task);
  }
  const section = task.section;
  const spec = section ? task.outlet.discovery.sections[section.index] : undefined;
  const pagination = spec?.pagination;
  if (section && spec && pagination && fresh > 0 && section.page < pagination.maxPages) {
    const page = section.page + 1;
    next.push({
      outlet: task.outlet,
      role: "section",
      url: new URL(pagination.pattern.replaceAll("{n}", String(page)), spec.url).href,
      discoveredFrom: task.url,
      attempt: 1,
      section: { index: section.index, page },
    });
  }
  await ctx.submit(next);
  return found.problem;
}

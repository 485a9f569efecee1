import { errorMessage } from "../../core/errors.ts";
import { type BrowserFetcher, BrowserLaunchError } from "../fetch/browser.ts";
import { archiveBrowserPage } from "../fetch/browser-archive.ts";
import type { CrawlContext } from "./context.ts";
import { countArticle, countFetched, fail, finalReason, record } from "./record.ts";
import { retryOrGiveUp } from "./retry.ts";
import type { Task } from "./task.ts";

/**
 * An article page rendered by chromium (crawlee's PlaywrightCrawler behind BrowserFetcher): the original HTTP
 * response and the rendered DOM are both archived (the DOM as a response record marked WARC-Framewatch-Via: browser,
 * concurrent to the original); the capture points at the DOM. A chromium that cannot start is not retried.
 */
export async function browserStep(ctx: CrawlContext, task: Task, browser: BrowserFetcher): Promise<void> {
  try {
    const page = await browser.fetch(task.url, {
      timeoutMs: ctx.limits.timeoutMs,
      allowPrivateNetwork: task.outlet.allowPrivateNetwork,
    });
    countFetched(ctx, task, page.originalBody.length + page.rendered.length);
    const { written, result } = await archiveBrowserPage(ctx.warc, task.url, page);
    const error = page.status === 200 ? null : `HTTP ${page.status}`;
    record(ctx, task, result, written, error, "browser");
    ctx.summary.browserPages += 1;
    countArticle(ctx, task, result);
  } catch (error) {
    if (ctx.aborted()) return;
    const reason = `browser: ${errorMessage(error).split("\n")[0]}`;
    const retryable = !(error instanceof BrowserLaunchError);
    if (!retryable || !retryOrGiveUp(ctx, task, reason, null, null)) fail(ctx, task, finalReason(task, reason), null);
  }
}

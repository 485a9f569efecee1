import { errorMessage } from "../../core/errors.ts";
import type { CaptureRole } from "../../core/records.ts";
import type { WrittenRecord } from "../archive/index.ts";
import { FetchError, type FetchResult, fetchUrl } from "../fetch/http.ts";
import type { CrawlContext } from "./context.ts";
import { archive, countArticle, countFailure, countFetched, fail, finalReason, record } from "./record.ts";
import { retryOrGiveUp } from "./retry.ts";
import { isDiscoveryRole, type Task } from "./task.ts";

/** Statuses worth another attempt. */
export const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const HTML_TYPE = /^(text\/html|application\/xhtml\+xml)\b/i;
const DISCOVERY_TYPE = /(xml|rss|atom|json|text\/|gzip)/i;

export interface Exchanged {
  result: FetchResult;
  written: WrittenRecord;
}

/**
 * One HTTP exchange through the safe fetcher (every redirect hop and DNS answer checked, body capped while
 * streaming), with its bookkeeping: WARC + capture on a response, capture on failure, RetryLater for another
 * attempt. Resolves to the response when it is usable (2xx/304, or any final answer for robots), else null. The
 * capture of a usable discovery document is left to the caller (it adds the parse outcome).
 */
export async function exchange(ctx: CrawlContext, task: Task): Promise<Exchanged | null> {
  const wantsHtml = task.role === "article" || task.role === "section";
  let result: FetchResult;
  try {
    result = await fetchUrl(task.url, {
      userAgent: ctx.deps.userAgent,
      headers: task.conditional,
      timeoutMs: ctx.limits.timeoutMs,
      maxBytes: ctx.limits.maxBodyBytes,
      maxRedirects: ctx.limits.maxRedirects,
      allowPrivateNetwork: task.outlet.allowPrivateNetwork,
      signal: ctx.deps.options.signal,
      agents: ctx.agents,
      acceptContentType: (type) => acceptType(task.role, type, wantsHtml),
    });
  } catch (error) {
    if (ctx.aborted()) return null;
    const reason = error instanceof FetchError ? error.reason : errorMessage(error);
    const status = error instanceof FetchError ? error.status : null;
    if (error instanceof FetchError && error.retryable && retryOrGiveUp(ctx, task, reason, null, status)) return null;
    fail(ctx, task, finalReason(task, reason), status, error instanceof FetchError ? error.finalUrl : task.url);
    return null;
  }
  countFetched(ctx, task, result.body.length);
  if (result.skippedReason) {
    fail(ctx, task, result.skippedReason, result.status, result.finalUrl, result.headers["content-type"] ?? null);
    return null;
  }
  const written = await archive(ctx, result, "http");
  const statusLine = `HTTP ${result.status}${result.statusText ? ` ${result.statusText}` : ""}`;
  if (RETRY_STATUSES.has(result.status) && task.role !== "robots") {
    if (!retryOrGiveUp(ctx, task, statusLine, written, result.status, result)) {
      record(ctx, task, result, written, finalReason(task, statusLine));
      countFailure(ctx, task);
    }
    return null;
  }
  const ok = (result.status >= 200 && result.status < 300) || result.status === 304;
  // A robots.txt 4xx means "no rules" (RFC 9309), not a failure.
  const fine = ok || (task.role === "robots" && result.status >= 400 && result.status < 500);
  const error = fine ? null : statusLine;
  if (ok && isDiscoveryRole(task.role)) return { result, written };
  record(ctx, task, result, written, error);
  if (task.role === "article") countArticle(ctx, task, result);
  else if (error) countFailure(ctx, task);
  return ok || task.role === "robots" ? { result, written } : null;
}

function acceptType(role: CaptureRole, contentType: string | null, wantsHtml: boolean): true | string {
  if (!contentType || role === "robots") return true;
  if (wantsHtml) return HTML_TYPE.test(contentType) ? true : `not HTML (${contentType.split(";")[0]?.trim()}), skipped`;
  return DISCOVERY_TYPE.test(contentType)
    ? true
    : `not a ${role} document (${contentType.split(";")[0]?.trim()}), skipped`;
}

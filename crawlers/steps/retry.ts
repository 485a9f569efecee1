import type { WrittenRecord } from "../archive/index.ts";
import { type FetchResult, retryAfterMs } from "../fetch/http.ts";
import type { CrawlContext } from "./context.ts";
import { appendFailure, countFailure, fail, record } from "./record.ts";
import type { Task } from "./task.ts";

/** Statuses that also pause the whole host (for Retry-After, or the backoff). */
export const PAUSE_STATUSES = new Set([429, 503]);

/**
 * Thrown out of crawlee's requestHandler to have crawlee retry the request: crawlee reclaims it to the queue and
 * counts the attempt (maxRequestRetries); the next attempt waits for `notBefore` in the host's queue.
 */
export class RetryLater extends Error {
  override name = "RetryLater";
  constructor(
    readonly notBefore: number,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Decides about another attempt. When one is allowed, records this attempt's capture with the reason and the delay
 * (backoff doubling from retryBaseMs; 429/503 pause the host for Retry-After) and throws RetryLater. Returns true
 * when the URL was recorded as failed here (a Retry-After beyond the bound), false when the caller should record it.
 */
export function retryOrGiveUp(
  ctx: CrawlContext,
  task: Task,
  reason: string,
  written: WrittenRecord | null,
  status: number | null,
  result?: FetchResult,
): boolean {
  const { limits } = ctx;
  if (task.attempt >= limits.maxAttempts || task.role === "robots" || ctx.aborted()) return false;
  let delay = Math.min(limits.retryBaseMs * 2 ** (task.attempt - 1), limits.maxBackoffMs);
  if (status !== null && PAUSE_STATUSES.has(status)) {
    const asked = retryAfterMs(result?.headers["retry-after"]);
    if (asked !== null && asked > limits.maxRetryAfterMs) {
      const why = `${reason}, Retry-After ${Math.round(asked / 1000)} s exceeds the ${Math.round(limits.maxRetryAfterMs / 1000)} s bound`;
      if (result && written) {
        record(ctx, task, result, written, why);
        countFailure(ctx, task);
      } else {
        fail(ctx, task, why, status);
      }
      return true;
    }
    if (asked !== null) delay = asked;
    ctx.scheduler.pause(new URL(task.url).host, delay);
  }
  const note = `${reason}; retry ${task.attempt + 1} of ${limits.maxAttempts} in ${Math.round(delay)} ms`;
  if (result && written) record(ctx, task, result, written, note);
  else appendFailure(ctx, task, { status, error: note, finalUrl: task.url });
  throw new RetryLater(Date.now() + delay, note);
}

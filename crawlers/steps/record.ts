import { sha256 } from "../../core/hash.ts";
import type { CaptureVia } from "../../core/records.ts";
import type { WrittenRecord } from "../archive/index.ts";
import type { FetchResult } from "../fetch/http.ts";
import type { CrawlContext } from "./context.ts";
import type { Task } from "./task.ts";

/**
 * Outcome recording: every exchange or refusal becomes one capture line (after its WARC record, so a capture never
 * points at a missing record), and the summary counts it.
 */

const hashes = new WeakMap<Buffer, string>();

/** sha256 of a body, computed once per buffer (archive, capture and change detection all need it). */
export function bodyHash(body: Buffer): string {
  let hash = hashes.get(body);
  if (hash === undefined) {
    hash = sha256(body);
    hashes.set(body, hash);
  }
  return hash;
}

/** Writes the response (and its request) to the run's WARC. */
export function archive(ctx: CrawlContext, result: FetchResult, via: CaptureVia): Promise<WrittenRecord> {
  return ctx.warc.writeExchange({
    url: result.finalUrl,
    method: "GET",
    requestHeaders: result.requestHeaders,
    status: result.status,
    statusText: result.statusText,
    responseHeaders: result.headers,
    body: result.body,
    date: new Date(),
    via,
    warcHeaders: result.redirects.length > 0 ? { "WARC-Framewatch-Requested-URI": result.url } : undefined,
    bodySha256: bodyHash(result.body),
  });
}

/** Appends the capture of an exchange that produced a (archived) response. */
export function record(
  ctx: CrawlContext,
  task: Task,
  result: FetchResult,
  written: WrittenRecord,
  error: string | null,
  via: CaptureVia = "http",
): void {
  ctx.captures.append([
    {
      id: sha256(written.recordId),
      runId: ctx.deps.runId,
      outletId: task.outlet.id,
      role: task.role,
      url: task.url,
      finalUrl: result.finalUrl,
      status: result.status,
      contentType: result.headers["content-type"] ?? null,
      fetchedAt: written.date,
      bodySha256: bodyHash(result.body),
      bytes: result.body.length,
      warcFile: written.file,
      warcOffset: written.offset,
      warcLength: written.length,
      via,
      discoveredFrom: task.discoveredFrom,
      lastModified: httpDateToIso(result.headers["last-modified"]),
      error,
    },
  ]);
}

/** An HTTP date (Last-Modified) as ISO 8601; null when absent or unparseable. */
export function httpDateToIso(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Records a final failure (no usable response) and counts it. */
export function fail(
  ctx: CrawlContext,
  task: Task,
  reason: string,
  status: number | null,
  finalUrl = task.url,
  contentType: string | null = null,
): void {
  ctx.failures.set(task.url, reason);
  appendFailure(ctx, task, { status, error: reason, finalUrl, contentType });
  countFailure(ctx, task);
}

export function countFailure(ctx: CrawlContext, task: Task): void {
  ctx.summary.failed += 1;
  const state = ctx.outlets.get(task.outlet.id);
  if (state) state.counts.failed += 1;
}

/** A capture without a WARC record: a refusal, a network failure, or an attempt that will be retried. */
export function appendFailure(
  ctx: CrawlContext,
  task: Task,
  fields: { status: number | null; error: string; finalUrl: string; contentType?: string | null },
): void {
  const fetchedAt = new Date().toISOString();
  ctx.captures.append([
    {
      id: sha256(`${task.url}\n${fetchedAt}\n${fields.error}\n${task.attempt}`),
      runId: ctx.deps.runId,
      outletId: task.outlet.id,
      role: task.role,
      url: task.url,
      finalUrl: fields.finalUrl,
      status: fields.status,
      contentType: fields.contentType ?? null,
      fetchedAt,
      bodySha256: null,
      bytes: 0,
      warcFile: null,
      warcOffset: null,
      warcLength: null,
      via: task.role === "article" && task.outlet.browser && ctx.browser ? "browser" : "http",
      discoveredFrom: task.discoveredFrom,
      error: fields.error,
    },
  ]);
}

/** Counts an article response: unchanged (304 or same body), new version, or failure. */
export function countArticle(ctx: CrawlContext, task: Task, result: FetchResult): void {
  if (result.status === 304) {
    ctx.summary.unchanged += 1;
    return;
  }
  if (result.status !== 200) {
    countFailure(ctx, task);
    return;
  }
  if (task.known?.bodySha256 && task.known.bodySha256 === bodyHash(result.body)) {
    ctx.summary.unchanged += 1;
    return;
  }
  ctx.summary.newArticlePages += 1;
  const state = ctx.outlets.get(task.outlet.id);
  if (state) state.counts.articles += 1;
}

/** Counts a response that arrived (all roles, retries included). */
export function countFetched(ctx: CrawlContext, task: Task, bytes: number): void {
  ctx.summary.fetched += 1;
  const state = ctx.outlets.get(task.outlet.id);
  if (state) state.counts.fetched += 1;
  ctx.budget.bytes += bytes;
}

export function finalReason(task: Task, reason: string): string {
  return task.attempt > 1 ? `${reason} (gave up after ${task.attempt} attempts)` : reason;
}

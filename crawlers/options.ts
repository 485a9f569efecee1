import type { Progress } from "../core/progress.ts";
import type { Workspace } from "../core/workspace.ts";
import type { TopicSpec } from "../pipeline/codebook/topic.ts";
import type { Registry } from "./registry/index.ts";

/** Tunables of a crawl; the defaults are polite and bounded. Tests shrink the timeouts. */
export interface CrawlLimits {
  /** Whole-exchange deadline per request (and per browser page load). */
  timeoutMs: number;
  /** Bodies larger than this (after decoding) are aborted and recorded as failures. */
  maxBodyBytes: number;
  maxRedirects: number;
  /** Attempts per URL for retryable failures (timeouts, resets, 429, 5xx). */
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  retryBaseMs: number;
  maxBackoffMs: number;
  /** A Retry-After longer than this is not waited for: the URL is recorded as failed. */
  maxRetryAfterMs: number;
  /** Requests in flight over all hosts. */
  globalConcurrency: number;
  /** Per-host defaults when politeness is on (the registry's politeness overrides them). */
  hostConcurrency: number;
  hostDelayMs: number;
  /** Per-host concurrency when politeness is off (benchmarks, local mirrors). */
  impoliteHostConcurrency: number;
  /** Re-fetch (conditionally) a known article after this many days even if discovery says nothing. */
  revalidateAfterDays: number;
  /** Child sitemaps followed per sitemap index (most recent first). */
  maxSitemapChildren: number;
  /**
   * Requests crawlee's BasicCrawler takes from the queue at once (its pool's min = max concurrency). Most of them wait
   * cheaply for their host's politeness slot, so this is how far the crawl looks ahead for other hosts' work.
   */
  dispatchConcurrency: number;
  /** Browser pages rendered at once. */
  browserConcurrency: number;
  /**
   * Distinct topic keywords a feed/sitemap entry's title+description must contain to be fetched. Lower than the
   * codebook's minDistinct because a headline is short; the extract stage applies the full rule to the full text.
   */
  discoveryMinDistinct: number;
  /** Words an entry's title+description needs before the topic is judged at discovery (a bare headline is not). */
  discoveryMinWords: number;
}

export const DEFAULT_LIMITS: CrawlLimits = {
  timeoutMs: 30_000,
  maxBodyBytes: 20 * 1024 * 1024,
  maxRedirects: 5,
  maxAttempts: 3,
  retryBaseMs: 2_000,
  maxBackoffMs: 60_000,
  maxRetryAfterMs: 120_000,
  globalConcurrency: 16,
  hostConcurrency: 2,
  hostDelayMs: 1_000,
  impoliteHostConcurrency: 32,
  revalidateAfterDays: 30,
  maxSitemapChildren: 50,
  dispatchConcurrency: 128,
  browserConcurrency: 4,
  discoveryMinDistinct: 1,
  discoveryMinWords: 20,
};

export interface CrawlOptions {
  workspace: Workspace;
  registry: Registry;
  /** Topic from the codebook (keywords + window), applied to feed/sitemap text and dates at discovery. */
  topic: TopicSpec;
  /** Outlet ids to crawl (default: all). */
  outlets?: string[];
  /** Article pages fetched per outlet in this run (the rest waits in the frontier for the next run). */
  maxPagesPerOutlet?: number;
  /** Body bytes fetched per run; once reached no new request starts. */
  maxBytesPerRun?: number;
  /** auto: chromium for outlets with `browser: true` when /usr/bin/chromium exists; never: skip those pages. */
  browser?: "auto" | "never";
  chromiumPath?: string;
  userAgent?: string;
  /** Contact (URL or e-mail) put in the User-Agent so site owners can reach the researchers. */
  contact?: string;
  /** Per-host limits, delays and Crawl-delay (default true). robots.txt is honoured either way. */
  politeness?: boolean;
  progress?: Progress;
  runId?: string;
  signal?: AbortSignal;
  limits?: Partial<CrawlLimits>;
}

export interface OutletCounts {
  fetched: number;
  failed: number;
  articles: number;
}

export interface CrawlSummary {
  runId: string;
  /** HTTP exchanges that produced a response (all roles, retries included). */
  fetched: number;
  /** Article pages captured with a body not seen before for their URL. */
  newArticlePages: number;
  /** Article pages revalidated as unchanged (304, or 200 with the same body). */
  unchanged: number;
  /** Article candidates not fetched because an earlier run captured them and discovery reports no change. */
  skippedSeen: number;
  /** URLs given up on (after retries), refused by policy, or not HTML; each has a capture with the reason. */
  failed: number;
  robotsBlocked: number;
  /** Candidates dropped at discovery: text off topic. */
  offTopicSkipped: number;
  /** Candidates dropped at discovery: published outside the study window. */
  outOfWindowSkipped: number;
  /** Candidates left for a later run by maxPagesPerOutlet / maxBytesPerRun. */
  deferred: number;
  browserPages: number;
  browserSkipped: number;
  browserNote: string | null;
  /** Earlier runs found unfinished (killed) and resumed by this one. */
  resumed: string[];
  byOutlet: Record<string, OutletCounts>;
}

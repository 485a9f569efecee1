import { LedgerWriter } from "../../core/ledger.ts";
import { type Progress, silentProgress } from "../../core/progress.ts";
import type { Capture } from "../../core/records.ts";
import type { Workspace } from "../../core/workspace.ts";
import { type TopicVerdict, topicMatcher } from "../../pipeline/codebook/topic.ts";
import { WarcWriter } from "../archive/index.ts";
import { BrowserFetcher, CHROMIUM_MISSING, chromiumAvailable } from "../fetch/browser.ts";
import { HostScheduler } from "../fetch/hosts.ts";
import { createAgents, type HttpAgents } from "../fetch/http.ts";
import type { RobotsPolicy } from "../fetch/robots.ts";
import { type FrontierEntry, openFrontier } from "../frontier.ts";
import type { CrawlLimits, CrawlOptions, CrawlSummary, OutletCounts } from "../options.ts";
import type { Outlet } from "../registry/index.ts";
import type { KnownArticle } from "../state.ts";
import { entryUrls, outletUrlFilter } from "../url.ts";
import type { Task } from "./task.ts";

export interface CrawlerDeps {
  options: CrawlOptions;
  limits: CrawlLimits;
  runId: string;
  userAgent: string;
  known: Map<string, KnownArticle>;
  /** Frontier entries without a capture yet (work a killed or limited run left). */
  pending: FrontierEntry[];
  /** Interrupted runs this one resumes: their request queues are taken over. */
  resumedRuns: string[];
}

export interface OutletState {
  outlet: Outlet;
  filter: ReturnType<typeof outletUrlFilter>;
  articlesSubmitted: number;
  counts: OutletCounts;
}

/**
 * What the steps of one crawl run share: the run's inputs, its writers (WARC, captures, frontier), per-host
 * politeness, per-run decisions and the summary being counted. `submit` hands new tasks to the crawler's queue.
 */
export interface CrawlContext {
  readonly deps: CrawlerDeps;
  readonly ws: Workspace;
  readonly limits: CrawlLimits;
  readonly polite: boolean;
  readonly progress: Progress;
  readonly scheduler: HostScheduler;
  readonly warc: WarcWriter;
  readonly captures: LedgerWriter<Capture>;
  readonly frontier: LedgerWriter<FrontierEntry>;
  readonly agents: HttpAgents;
  readonly browser: BrowserFetcher | null;
  readonly outlets: Map<string, OutletState>;
  readonly robots: Map<string, Promise<RobotsPolicy>>;
  /** Per-run decisions on article candidates (canonical URL → "taken" or "seen"). */
  readonly decided: Map<string, "taken" | "seen">;
  /** Sitemaps already followed in this run. */
  readonly inRun: Set<string>;
  /** Last failure reason per URL in this run (robots.txt outcomes need it). */
  readonly failures: Map<string, string>;
  readonly matchTopic: (text: string) => TopicVerdict;
  readonly summary: CrawlSummary;
  readonly errors: string[];
  /** Body bytes fetched so far (the --max-bytes budget) and whether reaching it was logged. */
  budget: { bytes: number; noted: boolean };
  submit: (tasks: Task[]) => Promise<void>;
  aborted(): boolean;
}

/** Opens the run's writers and politeness state and starts an empty summary. */
export function createContext(deps: CrawlerDeps, submit: (tasks: Task[]) => Promise<void>): CrawlContext {
  const { options, limits, runId } = deps;
  const ws = options.workspace;
  const polite = options.politeness ?? true;
  const scheduler = new HostScheduler(limits.globalConcurrency, {
    maxConcurrency: polite ? limits.hostConcurrency : limits.impoliteHostConcurrency,
    minDelayMs: polite ? limits.hostDelayMs : 0,
  });
  const wantBrowser = options.browser ?? "auto";
  const hasChromium = chromiumAvailable(options.chromiumPath);
  const browser =
    wantBrowser === "auto" && hasChromium
      ? new BrowserFetcher({
          executablePath: options.chromiumPath,
          maxPages: limits.browserConcurrency,
          userAgent: deps.userAgent,
          timeoutMs: limits.timeoutMs,
        })
      : null;
  const summary: CrawlSummary = {
    runId,
    fetched: 0,
    newArticlePages: 0,
    unchanged: 0,
    skippedSeen: 0,
    failed: 0,
    robotsBlocked: 0,
    offTopicSkipped: 0,
    outOfWindowSkipped: 0,
    deferred: 0,
    browserPages: 0,
    browserSkipped: 0,
    browserNote: wantBrowser === "never" ? "browser disabled (--no-browser)" : hasChromium ? null : CHROMIUM_MISSING,
    resumed: [],
    byOutlet: {},
  };
  const outlets = new Map<string, OutletState>();
  const wanted = options.outlets ? new Set(options.outlets) : null;
  for (const outlet of options.registry.outlets) {
    if (wanted && !wanted.has(outlet.id)) continue;
    const counts = { fetched: 0, failed: 0, articles: 0 };
    summary.byOutlet[outlet.id] = counts;
    outlets.set(outlet.id, { outlet, filter: outletUrlFilter(outlet), articlesSubmitted: 0, counts });
    if (!polite) continue;
    const { maxConcurrency, minDelayMs } = outlet.politeness;
    for (const host of new Set(entryUrls(outlet).map((u) => new URL(u).host))) {
      if (maxConcurrency !== undefined) scheduler.configure(host, { maxConcurrency });
      if (minDelayMs !== undefined) scheduler.configure(host, { minDelayMs });
    }
  }
  return {
    deps,
    ws,
    limits,
    polite,
    progress: options.progress ?? silentProgress,
    scheduler,
    warc: WarcWriter.open(ws.warcDir, "framewatch", {
      root: ws.root,
      info: { "framewatch-run": runId, "http-header-user-agent": deps.userAgent },
    }),
    captures: new LedgerWriter<Capture>(ws.capturesLedger),
    frontier: openFrontier(ws),
    agents: createAgents(),
    browser,
    outlets,
    robots: new Map(),
    decided: new Map(),
    inRun: new Set(),
    failures: new Map(),
    matchTopic: topicMatcher({
      ...options.topic,
      minDistinct: Math.min(options.topic.minDistinct, limits.discoveryMinDistinct),
    }),
    summary,
    errors: [],
    budget: { bytes: 0, noted: false },
    submit,
    aborted: () => options.signal?.aborted ?? false,
  };
}

import { join } from "node:path";
import { errorMessage } from "../core/errors.ts";
import { sha256 } from "../core/hash.ts";
import { LedgerWriter } from "../core/ledger.ts";
import { type Progress, silentProgress } from "../core/progress.ts";
import type { Capture, CaptureRole, CaptureVia } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { inWindow, type TopicVerdict, topicMatcher } from "../pipeline/codebook/topic.ts";
import { readWarcResponse, WarcWriter, type WrittenRecord } from "./archive/index.ts";
import {
  type DiscoveredLink,
  type DiscoveryKind,
  decodeBody,
  isAfter,
  isoDay,
  parseDiscovery,
  pickSitemaps,
} from "./discovery/index.ts";
import { BrowserFetcher, BrowserLaunchError, CHROMIUM_MISSING, chromiumAvailable } from "./fetch/browser.ts";
import { archiveBrowserPage } from "./fetch/browser-archive.ts";
import { HostScheduler } from "./fetch/hosts.ts";
import {
  closeAgents,
  createAgents,
  FetchError,
  type FetchResult,
  fetchUrl,
  type HttpAgents,
  retryAfterMs,
} from "./fetch/http.ts";
import { type RobotsPolicy, robotsPolicy } from "./fetch/robots.ts";
import { type FrontierEntry, openFrontier } from "./frontier.ts";
import type { CrawlLimits, CrawlOptions, CrawlSummary, OutletCounts } from "./options.ts";
import type { Outlet } from "./registry/index.ts";
import type { KnownArticle } from "./state.ts";
import { canonicalUrl, entryUrls, outletUrlFilter } from "./url.ts";

/** Statuses worth another attempt. 429/503 also pause the whole host (Retry-After or backoff). */
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const PAUSE_STATUSES = new Set([429, 503]);
const HTML_TYPE = /^(text\/html|application\/xhtml\+xml)\b/i;
const DISCOVERY_TYPE = /(xml|rss|atom|json|text\/|gzip)/i;
const DAY_MS = 86_400_000;
const ROBOTS_DISALLOW = "robots.txt disallows this URL";

type Section = Outlet["discovery"]["sections"][number];

interface Task {
  outlet: Outlet;
  role: CaptureRole;
  url: string;
  discoveredFrom: string | null;
  attempt: number;
  /** Request headers for a conditional GET (revalidation of a known article). */
  conditional?: Record<string, string>;
  known?: KnownArticle;
  section?: { section: Section; page: number };
}

interface OutletState {
  outlet: Outlet;
  filter: ReturnType<typeof outletUrlFilter>;
  articlesSubmitted: number;
  counts: OutletCounts;
}

export interface CrawlerDeps {
  options: CrawlOptions;
  limits: CrawlLimits;
  runId: string;
  userAgent: string;
  known: Map<string, KnownArticle>;
  pending: FrontierEntry[];
}

/**
 * One crawl run: entry points → robots → discovery → article candidates → captures + WARC. Every exchange is
 * recorded (failures too); candidates go to the durable frontier before they are fetched.
 */
export class Crawler {
  readonly summary: CrawlSummary;
  private readonly ws: Workspace;
  private readonly limits: CrawlLimits;
  private readonly scheduler: HostScheduler;
  private readonly warc: WarcWriter;
  private readonly captures: LedgerWriter<Capture>;
  private readonly frontier: LedgerWriter<FrontierEntry>;
  private readonly progress: Progress;
  private readonly outlets = new Map<string, OutletState>();
  private readonly robots = new Map<string, Promise<RobotsPolicy>>();
  /** Per-run decisions on article candidates (canonical URL → "taken" or "seen") and sitemaps followed. */
  private readonly decided = new Map<string, "taken" | "seen">();
  private readonly inRun = new Set<string>();
  /** Last failure reason per URL in this run (robots.txt outcomes need it). */
  private readonly failures = new Map<string, string>();
  private readonly matchTopic: (text: string) => TopicVerdict;
  private readonly browser: BrowserFetcher | null;
  private readonly agents: HttpAgents = createAgents();
  private outstanding = 0;
  private idleResolve: (() => void) | null = null;
  private bytes = 0;
  private budgetNoted = false;
  private submitted = 0;
  private finished = 0;
  private readonly started = Date.now();
  readonly errors: string[] = [];

  constructor(private readonly deps: CrawlerDeps) {
    const { options, limits, runId } = deps;
    this.ws = options.workspace;
    this.limits = limits;
    this.progress = options.progress ?? silentProgress;
    const polite = options.politeness ?? true;
    this.scheduler = new HostScheduler(limits.globalConcurrency, {
      maxConcurrency: polite ? limits.hostConcurrency : limits.impoliteHostConcurrency,
      minDelayMs: polite ? limits.hostDelayMs : 0,
    });
    this.warc = WarcWriter.open(this.ws.warcDir, "framewatch", {
      root: this.ws.root,
      info: { "framewatch-run": runId, "http-header-user-agent": deps.userAgent },
    });
    this.captures = new LedgerWriter<Capture>(this.ws.capturesLedger);
    this.frontier = openFrontier(this.ws);
    this.matchTopic = topicMatcher({
      ...options.topic,
      minDistinct: Math.min(options.topic.minDistinct, limits.discoveryMinDistinct),
    });
    const wantBrowser = options.browser ?? "auto";
    const hasChromium = chromiumAvailable(options.chromiumPath);
    this.browser =
      wantBrowser === "auto" && hasChromium
        ? new BrowserFetcher(options.chromiumPath, limits.browserConcurrency)
        : null;
    this.summary = {
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
    options.signal?.addEventListener("abort", () => this.scheduler.flush(), { once: true });
    const wanted = options.outlets ? new Set(options.outlets) : null;
    for (const outlet of options.registry.outlets) {
      if (wanted && !wanted.has(outlet.id)) continue;
      const counts = { fetched: 0, failed: 0, articles: 0 };
      this.summary.byOutlet[outlet.id] = counts;
      this.outlets.set(outlet.id, { outlet, filter: outletUrlFilter(outlet), articlesSubmitted: 0, counts });
      if (polite && outlet.politeness.maxConcurrency !== undefined) {
        for (const host of hostsOf(outlet))
          this.scheduler.configure(host, { maxConcurrency: outlet.politeness.maxConcurrency });
      }
      if (polite && outlet.politeness.minDelayMs !== undefined) {
        for (const host of hostsOf(outlet))
          this.scheduler.configure(host, { minDelayMs: outlet.politeness.minDelayMs });
      }
    }
  }

  /** Runs the crawl to the end (or until the signal aborts it). */
  async run(): Promise<CrawlSummary> {
    this.progress.start("crawl");
    try {
      // Work left by an interrupted run first: it was discovered already, and the feed may have moved on since.
      for (const entry of this.deps.pending) {
        const state = this.outlets.get(entry.outletId);
        if (state) await this.considerArticle(state, entry, entry.discoveredFrom, true);
      }
      for (const state of this.outlets.values()) {
        const { outlet } = state;
        for (const url of outlet.discovery.feeds)
          this.submit({ outlet, role: "feed", url, discoveredFrom: null, attempt: 1 });
        for (const url of outlet.discovery.sitemaps) {
          this.submit({ outlet, role: "sitemap", url, discoveredFrom: null, attempt: 1 });
        }
        for (const section of outlet.discovery.sections) {
          this.submit({
            outlet,
            role: "section",
            url: section.url,
            discoveredFrom: null,
            attempt: 1,
            section: { section, page: 1 },
          });
        }
      }
      await this.idle();
    } finally {
      this.scheduler.stop();
      closeAgents(this.agents);
      await this.browser?.close();
      await this.warc.close();
      this.captures.close();
      this.frontier.close();
    }
    if (this.browser === null && this.summary.browserSkipped > 0) {
      this.summary.browserNote = `skipped ${this.summary.browserSkipped} browser pages: ${this.summary.browserNote ?? CHROMIUM_MISSING}`;
    }
    const s = this.summary;
    this.progress.end(
      `${s.fetched} fetched, ${s.newArticlePages} new articles, ${s.unchanged} unchanged, ${s.skippedSeen} seen, ${s.failed} failed`,
    );
    return s;
  }

  private idle(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idleResolve = resolve;
    });
  }

  /** Queues a task: robots first (outside the host slot, so a slot never waits on robots), then the fetch. */
  private submit(task: Task, notBefore = 0): void {
    if (this.deps.options.signal?.aborted) return;
    this.outstanding += 1;
    this.submitted += 1;
    this.progress.setTotal(this.submitted);
    this.execute(task, notBefore)
      .catch((error) => {
        this.errors.push(`${task.url}: ${errorMessage(error)}`);
        this.progress.log(`crawl: unexpected error on ${task.url}: ${errorMessage(error)}`);
      })
      .finally(() => {
        this.outstanding -= 1;
        this.finished += 1;
        const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
        this.progress.tick(
          1,
          `${(this.summary.fetched / seconds).toFixed(1)} pages/s, ${this.summary.failed} errors, queue ${this.scheduler.queued}`,
        );
        if (this.outstanding === 0) this.idleResolve?.();
      });
  }

  private async execute(task: Task, notBefore: number): Promise<void> {
    const url = new URL(task.url);
    if (task.role !== "robots") {
      const policy = await this.robotsFor(task.outlet, url);
      if (!policy.allowed(task.url)) {
        this.refuse(task, policy);
        return;
      }
    }
    await this.scheduler.schedule(url.host, () => this.fetchTask(task), notBefore);
  }

  /** Records a URL robots.txt (or network safety, for the whole host) does not let us fetch. */
  private refuse(task: Task, policy: RobotsPolicy): void {
    if (!policy.blanket?.startsWith("blocked:")) this.summary.robotsBlocked += 1;
    this.fail(task, policy.blanket ?? ROBOTS_DISALLOW, null);
  }

  private robotsFor(outlet: Outlet, url: URL): Promise<RobotsPolicy> {
    let policy = this.robots.get(url.origin);
    if (!policy) {
      policy = this.fetchRobots(outlet, url);
      this.robots.set(url.origin, policy);
    }
    return policy;
  }

  private async fetchRobots(outlet: Outlet, url: URL): Promise<RobotsPolicy> {
    const robotsUrl = new URL("/robots.txt", url.origin).href;
    const task: Task = { outlet, role: "robots", url: robotsUrl, discoveredFrom: null, attempt: 1 };
    const outcome = await this.scheduler.schedule(url.host, () => this.exchange(task));
    const result = outcome?.result;
    const text = result && !result.skippedReason ? decodeBody(result.body, result.headers["content-type"] ?? null) : "";
    const policy = robotsPolicy(
      robotsUrl,
      result?.status ?? null,
      text,
      "framewatch",
      this.failures.get(robotsUrl) ?? null,
    );
    if ((this.deps.options.politeness ?? true) && policy.crawlDelayMs !== null) {
      const current = this.scheduler.limits(url.host).minDelayMs;
      this.scheduler.configure(url.host, { minDelayMs: Math.max(current, policy.crawlDelayMs) });
    }
    return policy;
  }

  private async fetchTask(task: Task): Promise<void> {
    if (this.deps.options.signal?.aborted) return;
    const budget = this.deps.options.maxBytesPerRun;
    if (budget !== undefined && this.bytes >= budget && task.role === "article") {
      this.summary.deferred += 1;
      if (!this.budgetNoted)
        this.progress.log(`crawl: byte budget of ${budget} reached; remaining articles wait for the next run`);
      this.budgetNoted = true;
      return;
    }
    if (task.role === "article" && task.outlet.browser && this.browser) {
      await this.browserTask(task, this.browser);
      return;
    }
    const outcome = await this.exchange(task);
    if (!outcome || !isDiscoveryRole(task.role)) return;
    // Discovery documents are recorded after parsing, so a malformed one carries its problem in the same capture.
    const problem = await this.discover(task, outcome.result);
    this.record(task, outcome.result, outcome.written, problem);
    if (problem) {
      this.errors.push(`${task.url}: ${problem}`);
      this.countFailure(task);
    }
  }

  /**
   * One HTTP exchange with its bookkeeping: WARC + capture on a response, capture on failure, retry scheduling.
   * Resolves to the response when it is usable (2xx/304, or any final answer for robots), else null. The capture of
   * a usable discovery document is left to the caller (it adds the parse outcome).
   */
  private async exchange(task: Task): Promise<{ result: FetchResult; written: WrittenRecord } | null> {
    const state = this.outlets.get(task.outlet.id);
    const wantsHtml = task.role === "article" || task.role === "section";
    let result: FetchResult;
    try {
      result = await fetchUrl(task.url, {
        userAgent: this.deps.userAgent,
        headers: task.conditional,
        timeoutMs: this.limits.timeoutMs,
        maxBytes: this.limits.maxBodyBytes,
        maxRedirects: this.limits.maxRedirects,
        allowPrivateNetwork: task.outlet.allowPrivateNetwork,
        signal: this.deps.options.signal,
        agents: this.agents,
        acceptContentType: (type) => acceptType(task.role, type, wantsHtml),
      });
    } catch (error) {
      if (this.deps.options.signal?.aborted) return null;
      const reason = error instanceof FetchError ? error.reason : errorMessage(error);
      const retryable = error instanceof FetchError ? error.retryable : false;
      const status = error instanceof FetchError ? error.status : null;
      if (retryable && this.retry(task, reason, null, status)) return null;
      this.fail(task, this.finalReason(task, reason), status, error instanceof FetchError ? error.finalUrl : task.url);
      return null;
    }
    this.summary.fetched += 1;
    if (state) state.counts.fetched += 1;
    this.bytes += result.body.length;
    if (result.skippedReason) {
      this.fail(task, result.skippedReason, result.status, result.finalUrl, result.headers["content-type"] ?? null);
      return null;
    }
    const written = await this.archive(result, "http");
    if (RETRY_STATUSES.has(result.status) && task.role !== "robots") {
      const reason = `HTTP ${result.status}${result.statusText ? ` ${result.statusText}` : ""}`;
      const retried = this.retry(task, reason, written, result.status, result);
      if (!retried) {
        this.record(task, result, written, this.finalReason(task, reason));
        this.countFailure(task);
      }
      return null;
    }
    const ok = (result.status >= 200 && result.status < 300) || result.status === 304;
    // A robots.txt 4xx means "no rules" (RFC 9309), not a failure.
    const fine = ok || (task.role === "robots" && result.status >= 400 && result.status < 500);
    const error = fine ? null : `HTTP ${result.status}${result.statusText ? ` ${result.statusText}` : ""}`;
    if (ok && isDiscoveryRole(task.role)) return { result, written };
    this.record(task, result, written, error);
    if (task.role === "article") this.countArticle(task, result, state);
    else if (error) this.countFailure(task);
    return ok || task.role === "robots" ? { result, written } : null;
  }

  private countArticle(task: Task, result: FetchResult, state: OutletState | undefined): void {
    if (result.status === 304) {
      this.summary.unchanged += 1;
      return;
    }
    if (result.status !== 200) {
      this.countFailure(task);
      return;
    }
    if (task.known?.bodySha256 && task.known.bodySha256 === bodyHash(result.body)) {
      this.summary.unchanged += 1;
      return;
    }
    this.summary.newArticlePages += 1;
    if (state) state.counts.articles += 1;
  }

  private finalReason(task: Task, reason: string): string {
    return task.attempt > 1 ? `${reason} (gave up after ${task.attempt} attempts)` : reason;
  }

  /**
   * Schedules another attempt when allowed; records this attempt's capture with the reason. 429/503 pause the host for
   * Retry-After (bounded) or the backoff. Returns false when the URL should be recorded as failed instead.
   */
  private retry(
    task: Task,
    reason: string,
    written: WrittenRecord | null,
    status: number | null,
    result?: FetchResult,
  ): boolean {
    if (task.attempt >= this.limits.maxAttempts || this.deps.options.signal?.aborted) return false;
    const backoff = Math.min(this.limits.retryBaseMs * 2 ** (task.attempt - 1), this.limits.maxBackoffMs);
    let delay = backoff;
    const host = new URL(task.url).host;
    if (status !== null && PAUSE_STATUSES.has(status)) {
      const asked = retryAfterMs(result?.headers["retry-after"]);
      if (asked !== null && asked > this.limits.maxRetryAfterMs) {
        const why = `${reason}, Retry-After ${Math.round(asked / 1000)} s exceeds the ${Math.round(this.limits.maxRetryAfterMs / 1000)} s bound`;
        if (result && written) {
          this.record(task, result, written, why);
          this.countFailure(task);
        } else {
          this.fail(task, why, status);
        }
        // Recorded here with the precise reason; tell the caller not to record it again.
        return true;
      }
      if (asked !== null) delay = asked;
      this.scheduler.pause(host, delay);
    }
    const note = `${reason}; retry ${task.attempt + 1} of ${this.limits.maxAttempts} in ${Math.round(delay)} ms`;
    if (result && written) this.record(task, result, written, note);
    else this.appendCapture(task, { status, error: note, finalUrl: task.url });
    this.submitRetry({ ...task, attempt: task.attempt + 1 }, Date.now() + delay);
    return true;
  }

  private submitRetry(task: Task, notBefore: number): void {
    this.outstanding += 1;
    this.scheduler
      .schedule(new URL(task.url).host, () => this.fetchTask(task), notBefore)
      .catch((error) => this.errors.push(`${task.url}: ${errorMessage(error)}`))
      .finally(() => {
        this.outstanding -= 1;
        if (this.outstanding === 0) this.idleResolve?.();
      });
  }

  private async archive(result: FetchResult, via: CaptureVia): Promise<WrittenRecord> {
    return this.warc.writeExchange({
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

  /** Appends the capture of an exchange that produced a response. */
  private record(
    task: Task,
    result: FetchResult,
    written: WrittenRecord,
    error: string | null,
    via: CaptureVia = "http",
  ): void {
    this.captures.append([
      {
        id: sha256(written.recordId),
        runId: this.deps.runId,
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
        error,
      },
    ]);
  }

  /** Records a final failure (no usable response) and counts it. */
  private fail(
    task: Task,
    reason: string,
    status: number | null,
    finalUrl = task.url,
    contentType: string | null = null,
  ): void {
    this.failures.set(task.url, reason);
    this.appendCapture(task, { status, error: reason, finalUrl, contentType });
    this.countFailure(task);
  }

  private countFailure(task: Task): void {
    this.summary.failed += 1;
    const state = this.outlets.get(task.outlet.id);
    if (state) state.counts.failed += 1;
  }

  private appendCapture(
    task: Task,
    fields: { status: number | null; error: string; finalUrl: string; contentType?: string | null },
  ): void {
    const fetchedAt = new Date().toISOString();
    this.captures.append([
      {
        id: sha256(`${task.url}\n${fetchedAt}\n${fields.error}\n${task.attempt}`),
        runId: this.deps.runId,
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
        via: task.role === "article" && task.outlet.browser && this.browser ? "browser" : "http",
        discoveredFrom: task.discoveredFrom,
        error: fields.error,
      },
    ]);
  }

  /** Parses a feed, sitemap or section page and submits what it found; returns the document's problem, if any. */
  private async discover(task: Task, result: FetchResult): Promise<string | null> {
    const state = this.outlets.get(task.outlet.id);
    if (result.status === 304 || !state) return null;
    const found = parseDiscovery(
      task.role as DiscoveryKind,
      result.body,
      result.headers["content-type"] ?? null,
      result.finalUrl,
    );
    for (const child of pickSitemaps(found.sitemaps, this.deps.options.topic.window, this.limits.maxSitemapChildren)) {
      let url: URL;
      try {
        url = new URL(child.url);
      } catch {
        continue;
      }
      if (!state.filter.sameSite(url) || this.inRun.has(`sitemap ${url.href}`)) continue;
      this.inRun.add(`sitemap ${url.href}`);
      this.submit({ outlet: task.outlet, role: "sitemap", url: url.href, discoveredFrom: task.url, attempt: 1 });
    }
    let fresh = 0;
    for (const link of found.links) {
      if (await this.considerArticle(state, link, task.url, false)) fresh += 1;
    }
    const section = task.section;
    const pagination = section?.section.pagination;
    if (section && pagination && fresh > 0 && section.page < pagination.maxPages) {
      const page = section.page + 1;
      const url = new URL(pagination.pattern.replaceAll("{n}", String(page)), section.section.url).href;
      this.submit({
        outlet: task.outlet,
        role: "section",
        url,
        discoveredFrom: task.url,
        attempt: 1,
        section: { ...section, page },
      });
    }
    return found.problem;
  }

  /**
   * Decides about one article candidate: outlet filter, topic/window (when discovery gave text/dates), seen before
   * (skip unless changed or revalidation is due), page limit; then frontier + fetch. True when it is new work.
   */
  private async considerArticle(
    state: OutletState,
    link: DiscoveredLink,
    from: string | null,
    fromFrontier: boolean,
  ): Promise<boolean> {
    let url: URL;
    let key: string;
    try {
      key = canonicalUrl(link.url);
      url = new URL(key);
    } catch {
      return false;
    }
    if (!state.filter.isCandidate(url)) return false;
    const earlier = this.decided.get(key);
    // A URL first skipped as seen (e.g. from a feed without dates) is reconsidered when a later source (its
    // sitemap lastmod) reports a change; every other decision stands for the run.
    if (earlier && !(earlier === "seen" && link.modified !== null)) return false;
    this.decided.set(key, "taken");
    // Topic and window are judged on the first sighting only, so counts do not depend on the order of sources.
    if (!earlier && link.text && !this.matchTopic(link.text).onTopic) {
      this.summary.offTopicSkipped += 1;
      return false;
    }
    const published = link.published ? isoDay(link.published) : null;
    if (!earlier && published && !inWindow(published, this.deps.options.topic.window)) {
      this.summary.outOfWindowSkipped += 1;
      return false;
    }
    const policy = await this.robotsFor(state.outlet, url);
    if (!policy.allowed(key)) {
      this.refuse({ outlet: state.outlet, role: "article", url: key, discoveredFrom: from, attempt: 1 }, policy);
      return false;
    }
    const known = this.deps.known.get(key);
    let conditional: Record<string, string> | undefined;
    if (known) {
      const changed = link.modified !== null && isAfter(link.modified, known.lastFetchedAt);
      const due = Date.now() - Date.parse(known.lastFetchedAt) > this.limits.revalidateAfterDays * DAY_MS;
      if (!changed && !due) {
        if (earlier !== "seen") this.summary.skippedSeen += 1;
        this.decided.set(key, "seen");
        return false;
      }
      if (earlier === "seen") this.summary.skippedSeen -= 1;
      conditional = await this.validators(known);
    }
    const max = this.deps.options.maxPagesPerOutlet;
    const entry: FrontierEntry = {
      outletId: state.outlet.id,
      url: key,
      discoveredFrom: from,
      text: link.text,
      published: link.published,
      modified: link.modified,
      runId: this.deps.runId,
    };
    if (!fromFrontier) this.frontier.append([entry]);
    if (max !== undefined && state.articlesSubmitted >= max) {
      this.summary.deferred += 1;
      return true;
    }
    if (state.outlet.browser && !this.browser) {
      this.summary.browserSkipped += 1;
      return true;
    }
    state.articlesSubmitted += 1;
    this.submit({
      outlet: state.outlet,
      role: "article",
      url: key,
      discoveredFrom: from,
      attempt: 1,
      conditional,
      known,
    });
    return true;
  }

  /** If-None-Match / If-Modified-Since from the last archived response of a known article. */
  private async validators(known: KnownArticle): Promise<Record<string, string> | undefined> {
    const capture = known.last200;
    if (!capture?.warcFile || capture.warcOffset === null || capture.via === "browser") return undefined;
    try {
      const previous = await readWarcResponse(join(this.ws.root, capture.warcFile), capture.warcOffset);
      const headers: Record<string, string> = {};
      if (previous.headers.etag) headers["If-None-Match"] = previous.headers.etag;
      if (previous.headers["last-modified"]) headers["If-Modified-Since"] = previous.headers["last-modified"];
      return Object.keys(headers).length > 0 ? headers : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * A page rendered by chromium: the original HTTP response and the rendered DOM are both archived (the DOM as a
   * response record marked WARC-Framewatch-Via: browser, concurrent to the original); the capture points at the DOM.
   */
  private async browserTask(task: Task, browser: BrowserFetcher): Promise<void> {
    const state = this.outlets.get(task.outlet.id);
    try {
      const page = await browser.fetch(task.url, {
        timeoutMs: this.limits.timeoutMs,
        allowPrivateNetwork: task.outlet.allowPrivateNetwork,
        userAgent: this.deps.userAgent,
      });
      this.summary.fetched += 1;
      if (state) state.counts.fetched += 1;
      this.bytes += page.originalBody.length + page.rendered.length;
      const { written, result } = await archiveBrowserPage(this.warc, task.url, page);
      const error = page.status === 200 ? null : `HTTP ${page.status}`;
      this.record(task, result, written, error, "browser");
      this.summary.browserPages += 1;
      this.countArticle(task, result, state);
    } catch (error) {
      if (this.deps.options.signal?.aborted) return;
      const reason = `browser: ${errorMessage(error).split("\n")[0]}`;
      const retryable = !(error instanceof BrowserLaunchError);
      if (!retryable || !this.retry(task, reason, null, null)) this.fail(task, this.finalReason(task, reason), null);
    }
  }
}

function acceptType(role: CaptureRole, contentType: string | null, wantsHtml: boolean): true | string {
  if (!contentType || role === "robots") return true;
  if (wantsHtml) return HTML_TYPE.test(contentType) ? true : `not HTML (${contentType.split(";")[0]?.trim()}), skipped`;
  return DISCOVERY_TYPE.test(contentType)
    ? true
    : `not a ${role} document (${contentType.split(";")[0]?.trim()}), skipped`;
}

const hashes = new WeakMap<Buffer, string>();

/** sha256 of a body, computed once per buffer (archive, capture and change detection all need it). */
function bodyHash(body: Buffer): string {
  let hash = hashes.get(body);
  if (hash === undefined) {
    hash = sha256(body);
    hashes.set(body, hash);
  }
  return hash;
}

function isDiscoveryRole(role: CaptureRole): boolean {
  return role === "feed" || role === "sitemap" || role === "section";
}

function hostsOf(outlet: Outlet): Set<string> {
  return new Set(entryUrls(outlet).map((u) => new URL(u).host));
}

import { BasicCrawler, type Request, type RequestQueueV1 } from "@crawlee/basic";
import { errorMessage } from "../core/errors.ts";
import { CHROMIUM_MISSING } from "./fetch/browser.ts";
import { quietLog } from "./fetch/crawlee-log.ts";
import { closeAgents } from "./fetch/http.ts";
import type { CrawlSummary } from "./options.ts";
import { crawleeConfig, openRunQueue, takeOverQueues } from "./queue.ts";
import { considerArticle } from "./steps/article-step.ts";
import { type CrawlContext, type CrawlerDeps, createContext } from "./steps/context.ts";
import { runTask } from "./steps/fetch-step.ts";
import { RetryLater } from "./steps/retry.ts";
import { fromRequest, type Task, type TaskData, toRequest } from "./steps/task.ts";

export type { CrawlerDeps } from "./steps/context.ts";

/**
 * crawlee's handler deadline. A request may legitimately wait long for its host's politeness slot or a Retry-After
 * pause (the fetch itself has its own timeout), so the handler is not cut short; 2^31 ms is crawlee's ceiling.
 */
const HANDLER_TIMEOUT_SECS = 2_000_000;
/** A batch of new requests is persisted in up to this many parallel slices of at least ADD_SLICE_MIN requests. */
const ADD_PARALLEL = 8;
const ADD_SLICE_MIN = 100;
/** How often crawlee's pool looks for a ready request when idle (its default, 0.5 s, would add latency per retry). */
const POOL_POLL_SECS = 0.05;

/**
 * One crawl run, composed on crawlee: a `BasicCrawler` takes tasks from the run's `RequestQueueV1` and its
 * requestHandler runs the task steps (robots gate → host politeness slot → safe fetch → archive/record → discovery,
 * which queues more tasks). crawlee retries what a step throws as RetryLater (maxRequestRetries); browser pages go to
 * a PlaywrightCrawler (fetch/browser.ts). crawlee's pool is the dispatcher, not the throttle: its concurrency is fixed
 * (min = max = `dispatchConcurrency`), so a loaded machine does not scale it down; requests in flight over the
 * network are bounded per host and overall by HostScheduler.
 */
export class Crawler {
  private readonly ctx: CrawlContext;
  private queue: RequestQueueV1 | null = null;
  private crawler: BasicCrawler | null = null;
  private submitted = 0;
  private finished = 0;
  private active = 0;
  private drained: (() => void) | null = null;
  private readonly started = Date.now();

  constructor(private readonly deps: CrawlerDeps) {
    this.ctx = createContext(deps, (tasks) => this.submit(tasks));
    deps.options.signal?.addEventListener(
      "abort",
      () => {
        // Queued politeness waits end at once (their tasks see the abort and return); crawlee takes no new request.
        this.ctx.scheduler.flush();
        this.crawler?.stop("aborted");
      },
      { once: true },
    );
  }

  get summary(): CrawlSummary {
    return this.ctx.summary;
  }

  get errors(): string[] {
    return this.ctx.errors;
  }

  /** Runs the crawl to the end (or until the signal aborts it). */
  async run(): Promise<CrawlSummary> {
    const { ctx, deps } = this;
    ctx.progress.start("crawl");
    let completed = false;
    try {
      this.queue = await openRunQueue(ctx.ws, deps.runId);
      await this.submit(await this.inheritedTasks(await takeOverQueues(ctx.ws, deps.resumedRuns)));
      await this.submit(this.entryTasks());
      if (!ctx.aborted()) {
        this.crawler = this.basicCrawler(this.queue);
        await this.crawler.run();
      }
      // crawlee's own SIGINT handler may end its run while our handlers still write: let them finish first.
      await this.idle();
      completed = !ctx.aborted();
    } finally {
      ctx.scheduler.stop();
      closeAgents(ctx.agents);
      await ctx.browser?.close();
      await ctx.warc.close();
      ctx.captures.close();
      ctx.frontier.close();
      // A finished run's queue has nothing left to give; an interrupted one is taken over by the next run.
      if (completed) await this.queue?.drop();
    }
    const s = ctx.summary;
    if (ctx.browser === null && s.browserSkipped > 0) {
      s.browserNote = `skipped ${s.browserSkipped} browser pages: ${s.browserNote ?? CHROMIUM_MISSING}`;
    }
    ctx.progress.end(
      `${s.fetched} fetched, ${s.newArticlePages} new articles, ${s.unchanged} unchanged, ${s.skippedSeen} seen, ${s.failed} failed`,
    );
    return s;
  }

  private basicCrawler(queue: RequestQueueV1): BasicCrawler {
    const dispatch = this.ctx.limits.dispatchConcurrency;
    return new BasicCrawler(
      {
        requestQueue: queue,
        requestHandler: async ({ request }) => this.handle(request),
        maxRequestRetries: this.ctx.limits.maxAttempts - 1,
        minConcurrency: dispatch,
        maxConcurrency: dispatch,
        autoscaledPoolOptions: { maybeRunIntervalSecs: POOL_POLL_SECS },
        requestHandlerTimeoutSecs: HANDLER_TIMEOUT_SECS,
        useSessionPool: false,
        statusMessageLoggingInterval: 3600,
        statisticsOptions: { persistenceOptions: { enable: false } },
        log: quietLog("BasicCrawler"),
      },
      crawleeConfig(this.ctx.ws),
    );
  }

  /**
   * crawlee's requestHandler. Only RetryLater leaves it (crawlee then reclaims the request with the delay in its
   * userData); any other error is a bug of ours, recorded in the run's errors rather than retried.
   */
  private async handle(request: Request): Promise<void> {
    this.active += 1;
    const data = request.userData.task as TaskData | undefined;
    try {
      const task = fromRequest(request, this.ctx.outlets, this.deps.known);
      if (task) await runTask(this.ctx, task, data?.notBefore ?? 0);
    } catch (error) {
      if (error instanceof RetryLater && data) {
        data.notBefore = error.notBefore;
        throw error;
      }
      this.ctx.errors.push(`${request.url}: ${errorMessage(error)}`);
      this.ctx.progress.log(`crawl: unexpected error on ${request.url}: ${errorMessage(error)}`);
    } finally {
      this.active -= 1;
      this.finished += 1;
      const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
      this.ctx.progress.tick(
        1,
        `${(this.ctx.summary.fetched / seconds).toFixed(1)} pages/s, ${this.ctx.summary.failed} errors, queue ${this.ctx.scheduler.queued}`,
      );
      if (this.active === 0) this.drained?.();
    }
  }

  /** Adds tasks to the run's queue (an article once per run: its uniqueKey is the canonical URL). */
  private async submit(tasks: Task[]): Promise<void> {
    if (tasks.length === 0 || this.ctx.aborted() || !this.queue) return;
    // memory-storage persists each request as its own file, one after another within a call: a large sitemap's
    // thousands of candidates are written in parallel slices instead (their uniqueKeys are distinct by then).
    const requests = tasks.map(toRequest);
    const slice = Math.max(ADD_SLICE_MIN, Math.ceil(requests.length / ADD_PARALLEL));
    const slices: (typeof requests)[] = [];
    for (let i = 0; i < requests.length; i += slice) slices.push(requests.slice(i, i + slice));
    await Promise.all(slices.map((part) => this.queue?.addRequests(part)));
    this.submitted += tasks.length;
    this.ctx.progress.setTotal(this.submitted);
  }

  private idle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.drained = resolve;
    });
  }

  /**
   * Work left by interrupted runs, judged again against the captures ledger: frontier entries without a capture and
   * the requests their queues still held (articles go through the article step, so one captured meanwhile is not
   * fetched twice; discovery documents are queued again).
   */
  private async inheritedTasks(requests: Request[]): Promise<Task[]> {
    const { ctx, deps } = this;
    const tasks: Task[] = [];
    const consider = async (outletId: string, link: Parameters<typeof considerArticle>[2], from: string | null) => {
      const state = ctx.outlets.get(outletId);
      if (!state) return;
      const verdict = await considerArticle(ctx, state, link, from, true);
      if (verdict.task) tasks.push(verdict.task);
    };
    for (const entry of deps.pending) await consider(entry.outletId, entry, entry.discoveredFrom);
    for (const request of requests) {
      const task = fromRequest(
        { url: request.url, retryCount: 0, userData: request.userData },
        ctx.outlets,
        deps.known,
      );
      if (!task) continue;
      if (task.role !== "article") tasks.push(task);
      else {
        const about = task.link ?? { text: null, published: null, modified: null };
        await consider(task.outlet.id, { url: task.url, ...about }, task.discoveredFrom);
      }
    }
    return tasks;
  }

  /** Every outlet's feeds, sitemaps and section pages. */
  private entryTasks(): Task[] {
    const tasks: Task[] = [];
    for (const { outlet } of this.ctx.outlets.values()) {
      const base = { outlet, discoveredFrom: null, attempt: 1 };
      for (const url of outlet.discovery.feeds) tasks.push({ ...base, role: "feed", url });
      for (const url of outlet.discovery.sitemaps) tasks.push({ ...base, role: "sitemap", url });
      outlet.discovery.sections.forEach((section, index) => {
        tasks.push({ ...base, role: "section", url: section.url, section: { index, page: 1 } });
      });
    }
    return tasks;
  }
}

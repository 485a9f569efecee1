import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { Configuration, PlaywrightCrawler, type PlaywrightCrawlingContext } from "@crawlee/playwright";
import { chromium, type Page, type Response, type Route } from "playwright-core";
import { CHROMIUM_FLAGS, CHROMIUM_MISSING, chromiumAvailable, DEFAULT_CHROMIUM } from "../../core/chromium.ts";
import { quietLog } from "./crawlee-log.ts";

export { CHROMIUM_FLAGS, CHROMIUM_MISSING, chromiumAvailable, DEFAULT_CHROMIUM };

import { isBlockedAddress } from "./safety.ts";

/** After `load`, wait this long at most for the network to go quiet (scripts that fill the page). */
export const SETTLE_MS = 5_000;
/** The network counts as quiet after this long with no request in flight (Playwright's networkidle waits 500 ms). */
export const QUIET_MS = 150;
/** Beyond navigation + settling, how long a page may take inside crawlee (tab opening, a browser launch). */
export const DEADLINE_MARGIN_MS = 30_000;
/** Tabs chromium keeps before crawlee retires a browser and starts a fresh one (memory hygiene on long crawls). */
export const PAGES_PER_BROWSER = 500;
/** Sub-resources a text crawl never needs. */
const SKIPPED_RESOURCES = new Set(["image", "media", "font"]);
/** How crawlee's browser pool words a chromium that would not start. */
const LAUNCH_FAILURE = /fail(ed)? to launch|browserType\.launch|launchPersistentContext|spawn .* (ENOENT|EACCES)/i;

/** chromium could not start: every browser page of the run will fail the same way, so it is not retried. */
export class BrowserLaunchError extends Error {
  override name = "BrowserLaunchError";
}

export interface BrowserPage {
  status: number;
  statusText: string;
  finalUrl: string;
  /** Headers and body of the original HTTP response of the document. */
  headers: Record<string, string>;
  requestHeaders: Record<string, string>;
  originalBody: Buffer;
  /** The DOM after scripts ran (page.content()), UTF-8. */
  rendered: Buffer;
}

export interface BrowserFetchOptions {
  timeoutMs: number;
  allowPrivateNetwork: boolean;
}

export interface BrowserFetcherOptions {
  executablePath?: string;
  /** Tabs rendering at once (crawlee's min = max concurrency, so a loaded machine does not scale it down). */
  maxPages?: number;
  userAgent: string;
  /** Deadline of one page (navigation + settling); the handler gets this plus SETTLE_MS. */
  timeoutMs: number;
}

interface Ticket {
  options: BrowserFetchOptions;
  resolve: (page: BrowserPage) => void;
  reject: (error: Error) => void;
}

/**
 * Renders pages in Debian's chromium through crawlee's PlaywrightCrawler, kept alive for the whole crawl and fed one
 * request per `fetch` call. The crawl's own task loop decides retries and records captures, so crawlee makes one
 * attempt per request. A preNavigationHook checks every request of the page (document, scripts, XHR) against network
 * safety before chromium may send it; images, media and fonts are not loaded at all.
 */
export class BrowserFetcher {
  private crawler: PlaywrightCrawler | null = null;
  private running: Promise<unknown> | null = null;
  private readonly tickets = new Map<string, Ticket>();
  private readonly hostVerdicts = new Map<string, Promise<boolean>>();
  private next = 0;
  private launchError: BrowserLaunchError | null = null;
  /** Why the PlaywrightCrawler ended early (chromium failed to start), if it did. */
  private stopped: Error | null = null;
  private readonly executablePath: string;

  constructor(private readonly options: BrowserFetcherOptions) {
    this.executablePath = options.executablePath ?? DEFAULT_CHROMIUM;
  }

  /** Renders one page; rejects with the reason (BrowserLaunchError when chromium cannot start). */
  async fetch(url: string, options: BrowserFetchOptions): Promise<BrowserPage> {
    if (this.stopped) throw this.stopped;
    const crawler = this.start();
    const key = `${url}#${++this.next}`;
    const page = new Promise<BrowserPage>((resolve, reject) => this.tickets.set(key, { options, resolve, reject }));
    // Observed below; marked handled now in case crawlee rejects it while the request is still being added.
    page.catch(() => undefined);
    // uniqueKey per call: a retry decided by the crawl must render again, not be deduplicated by crawlee.
    await crawler.addRequests([{ url, uniqueKey: key, userData: { ticket: key } }]);
    // A safety net: whatever happens inside crawlee (a hung launch, a lost request), the crawl gets an answer.
    const deadlineMs = options.timeoutMs + SETTLE_MS + DEADLINE_MARGIN_MS;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.tickets.delete(key);
        reject(new Error(`no rendered page after ${deadlineMs} ms`));
      }, deadlineMs);
    });
    try {
      return await Promise.race([page, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const crawler = this.crawler;
    if (!crawler) return;
    crawler.stop();
    await this.running?.catch(() => undefined);
    await crawler.browserPool.destroy().catch(() => undefined);
    for (const ticket of this.tickets.values()) ticket.reject(new Error("browser closed"));
    this.tickets.clear();
    this.crawler = null;
  }

  private start(): PlaywrightCrawler {
    if (this.crawler) return this.crawler;
    const tabs = this.options.maxPages ?? 4;
    // Memory storage only: the crawl's durable queue and ledgers already say what is left to render.
    const config = new Configuration({ persistStorage: false, purgeOnStart: false });
    const crawler = new PlaywrightCrawler(
      {
        launchContext: {
          launcher: chromium,
          userAgent: this.options.userAgent,
          launchOptions: { executablePath: this.executablePath, args: CHROMIUM_FLAGS },
        },
        headless: true,
        browserPoolOptions: { useFingerprints: false, retireBrowserAfterPageCount: PAGES_PER_BROWSER },
        keepAlive: true,
        maxRequestRetries: 0,
        useSessionPool: false,
        minConcurrency: tabs,
        maxConcurrency: tabs,
        autoscaledPoolOptions: { maybeRunIntervalSecs: 0.05 },
        navigationTimeoutSecs: this.options.timeoutMs / 1000,
        requestHandlerTimeoutSecs: (this.options.timeoutMs + SETTLE_MS) / 1000 + 5,
        statusMessageLoggingInterval: 3600,
        statisticsOptions: { persistenceOptions: { enable: false } },
        log: quietLog("PlaywrightCrawler"),
        preNavigationHooks: [async (context, gotoOptions) => this.prepare(context, gotoOptions)],
        requestHandler: async (context) => this.capture(context),
        failedRequestHandler: async ({ request }, error) => {
          const ticket = this.take(request.userData.ticket as string);
          ticket?.reject(this.classify(error));
        },
      },
      config,
    );
    this.crawler = crawler;
    // crawlee ends the whole run when chromium cannot start: every waiting page gets that reason, and so does any
    // later fetch (no retry can help).
    this.running = crawler.run().then(
      () => undefined,
      (error: unknown) => {
        const failure = this.classify(error instanceof Error ? error : new Error(String(error)));
        this.stopped = failure;
        for (const ticket of this.tickets.values()) ticket.reject(failure);
        this.tickets.clear();
      },
    );
    return crawler;
  }

  /** Before navigation: refuse a blocked document URL, skip heavy resources, count requests for settling. */
  private async prepare(
    { page, request }: PlaywrightCrawlingContext,
    gotoOptions: { waitUntil?: string; timeout?: number } | undefined,
  ): Promise<void> {
    const ticket = this.tickets.get(request.userData.ticket as string);
    const allowPrivate = ticket?.options.allowPrivateNetwork ?? false;
    if (!(await this.hostAllowed(request.url, allowPrivate))) {
      throw new Error(`blocked: ${new URL(request.url).hostname} resolves to a private/loopback address`);
    }
    if (gotoOptions) {
      gotoOptions.waitUntil = "load";
      gotoOptions.timeout = ticket?.options.timeoutMs ?? this.options.timeoutMs;
    }
    const state = { inFlight: 0, lastActivity: Date.now() };
    quietness.set(page, state);
    page.on("request", () => {
      state.inFlight += 1;
      state.lastActivity = Date.now();
    });
    const done = () => {
      state.inFlight = Math.max(0, state.inFlight - 1);
      state.lastActivity = Date.now();
    };
    page.on("requestfinished", done);
    page.on("requestfailed", done);
    await page.route("**/*", async (route: Route) => {
      const sub = route.request();
      if (SKIPPED_RESOURCES.has(sub.resourceType())) return route.abort();
      const allowed = await this.hostAllowed(sub.url(), allowPrivate);
      return allowed ? route.continue() : route.abort("blockedbyclient");
    });
  }

  /** The requestHandler: wait for scripts to settle, then hand the original response and the DOM to the caller. */
  private async capture({ page, request, response }: PlaywrightCrawlingContext): Promise<void> {
    const ticket = this.take(request.userData.ticket as string);
    if (!ticket) return;
    try {
      if (!response) throw new Error("no response for the document");
      const state = quietness.get(page);
      await settle(() => !state || (state.inFlight === 0 && Date.now() - state.lastActivity >= QUIET_MS));
      ticket.resolve(await pageOf(page, response as Response));
    } catch (error) {
      ticket.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private take(key: string): Ticket | undefined {
    const ticket = this.tickets.get(key);
    this.tickets.delete(key);
    return ticket;
  }

  /** A chromium that will not start fails every page the same way: remember it and say so plainly. */
  private classify(error: Error): Error {
    if (!LAUNCH_FAILURE.test(error.message)) return error;
    // crawlee wraps playwright's error (which says what chromium printed); the innermost one is the informative one.
    let inner: Error = error;
    while (inner.cause instanceof Error) inner = inner.cause;
    const first = inner.message.split("\n").find((line) => line.trim() !== "") ?? inner.message;
    this.launchError ??= new BrowserLaunchError(
      `chromium at ${this.executablePath} failed to start (${first.trim()})`,
      {
        cause: error,
      },
    );
    return this.launchError;
  }

  private hostAllowed(rawUrl: string, allowPrivate: boolean): Promise<boolean> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return Promise.resolve(false);
    }
    if (url.protocol === "data:" || url.protocol === "blob:") return Promise.resolve(true);
    if (url.protocol !== "http:" && url.protocol !== "https:") return Promise.resolve(false);
    if (allowPrivate) return Promise.resolve(true);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    let verdict = this.hostVerdicts.get(host);
    if (!verdict) {
      verdict = isIP(host)
        ? Promise.resolve(!isBlockedAddress(host))
        : lookup(host, { all: true }).then(
            (answers) => answers.length > 0 && answers.every((a) => !isBlockedAddress(a.address)),
            () => false,
          );
      this.hostVerdicts.set(host, verdict);
    }
    return verdict;
  }
}

/** Request counters per page, installed by the preNavigationHook and read by the handler. */
const quietness = new WeakMap<Page, { inFlight: number; lastActivity: number }>();

async function pageOf(page: Page, response: Response): Promise<BrowserPage> {
  const originalBody = await response.body().catch(() => Buffer.alloc(0));
  const rendered = Buffer.from(await page.content(), "utf8");
  return {
    status: response.status(),
    statusText: response.statusText(),
    finalUrl: page.url(),
    headers: await response.allHeaders(),
    requestHeaders: await response.request().allHeaders(),
    originalBody,
    rendered,
  };
}

/** Waits until `quiet()` holds (scripts done fetching), at most SETTLE_MS. */
async function settle(quiet: () => boolean): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  while (!quiet() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

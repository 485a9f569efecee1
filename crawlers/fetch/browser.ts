import { lookup } from "node:dns/promises";
import { existsSync } from "node:fs";
import { isIP } from "node:net";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { isBlockedAddress } from "./safety.ts";

/** Debian's chromium; playwright-core never downloads a browser. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
/** Flags verified on these machines (STACK-NOTES). */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** After `load`, wait this long at most for the network to go quiet (scripts that fill the page). */
export const SETTLE_MS = 5_000;
/** The network counts as quiet after this long with no request in flight (Playwright's networkidle waits 500 ms). */
export const QUIET_MS = 150;
/** Sub-resources a text crawl never needs. */
const SKIPPED_RESOURCES = new Set(["image", "media", "font"]);

export const CHROMIUM_MISSING = "chromium not found (apt-get install -y chromium)";

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

interface PageSlot {
  page: Page;
  inFlight: number;
  lastActivity: number;
  allowPrivate: boolean;
}

export interface BrowserFetchOptions {
  timeoutMs: number;
  allowPrivateNetwork: boolean;
  userAgent: string;
}

/** True when the chromium binary exists (the browser stage is skipped otherwise, with CHROMIUM_MISSING). */
export function chromiumAvailable(path = DEFAULT_CHROMIUM): boolean {
  return existsSync(path);
}

/**
 * One shared chromium for the crawl, launched on first use. Every request of a page (document, scripts, XHR) is
 * checked against network safety before chromium may send it; images, media and fonts are not loaded at all.
 */
export class BrowserFetcher {
  private browser: Promise<Browser> | null = null;
  private readonly contexts = new Map<string, Promise<BrowserContext>>();
  private readonly hostVerdicts = new Map<string, Promise<boolean>>();
  private readonly idlePages = new Map<string, PageSlot[]>();

  private free: number;
  private readonly waiting: Array<() => void> = [];

  /** `maxPages` tabs render at once; further fetches wait for a tab. */
  constructor(
    private readonly executablePath = DEFAULT_CHROMIUM,
    maxPages = 4,
  ) {
    this.free = maxPages;
  }

  async fetch(url: string, options: BrowserFetchOptions): Promise<BrowserPage> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await this.render(url, options);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }

  private async render(url: string, options: BrowserFetchOptions): Promise<BrowserPage> {
    const slot = await this.page(options);
    let reusable = false;
    try {
      slot.allowPrivate = options.allowPrivateNetwork;
      slot.inFlight = 0;
      slot.lastActivity = Date.now();
      const response = await slot.page.goto(url, { waitUntil: "load", timeout: options.timeoutMs });
      if (!response) throw new Error("no response for the document");
      await settle(() => slot.inFlight === 0 && Date.now() - slot.lastActivity >= QUIET_MS);
      const originalBody = await response.body().catch(() => Buffer.alloc(0));
      const rendered = Buffer.from(await slot.page.content(), "utf8");
      const result = {
        status: response.status(),
        statusText: response.statusText(),
        finalUrl: slot.page.url(),
        headers: await response.allHeaders(),
        requestHeaders: await response.request().allHeaders(),
        originalBody,
        rendered,
      };
      reusable = true;
      return result;
    } finally {
      // A page that failed mid-navigation may be in any state: close it rather than reuse it.
      if (reusable) this.idlePages.get(options.userAgent)?.push(slot);
      else await slot.page.close().catch(() => undefined);
    }
  }

  /**
   * An idle tab of the user agent's context, or a new one. Tabs are reused (opening one costs ≈200 ms on a busy
   * 2-core machine); each tab's route handler and request counters are installed once.
   */
  private async page(options: BrowserFetchOptions): Promise<PageSlot> {
    const idle = this.idlePages.get(options.userAgent) ?? [];
    this.idlePages.set(options.userAgent, idle);
    const reused = idle.pop();
    if (reused) return reused;
    const context = await this.context(options);
    const page = await context.newPage();
    const slot: PageSlot = { page, inFlight: 0, lastActivity: Date.now(), allowPrivate: options.allowPrivateNetwork };
    page.on("request", () => {
      slot.inFlight += 1;
      slot.lastActivity = Date.now();
    });
    const done = () => {
      slot.inFlight = Math.max(0, slot.inFlight - 1);
      slot.lastActivity = Date.now();
    };
    page.on("requestfinished", done);
    page.on("requestfailed", done);
    await page.route("**/*", async (route) => {
      const request = route.request();
      if (SKIPPED_RESOURCES.has(request.resourceType())) return route.abort();
      const allowed = await this.hostAllowed(request.url(), slot.allowPrivate);
      return allowed ? route.continue() : route.abort("blockedbyclient");
    });
    return slot;
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    this.contexts.clear();
    this.idlePages.clear();
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }

  private context(options: BrowserFetchOptions): Promise<BrowserContext> {
    let context = this.contexts.get(options.userAgent);
    if (!context) {
      this.browser ??= chromium
        .launch({ executablePath: this.executablePath, args: CHROMIUM_FLAGS, headless: true })
        .catch((error: unknown) => {
          const first = (error instanceof Error ? error.message : String(error)).split("\n")[0];
          throw new BrowserLaunchError(`chromium at ${this.executablePath} failed to start (${first})`, {
            cause: error,
          });
        });
      context = this.browser.then((b) => b.newContext({ userAgent: options.userAgent, serviceWorkers: "block" }));
      this.contexts.set(options.userAgent, context);
    }
    return context;
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

/** Waits until `quiet()` holds (scripts done fetching), at most SETTLE_MS. */
async function settle(quiet: () => boolean): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  while (!quiet() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

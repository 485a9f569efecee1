import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_FLAGS, DEFAULT_CHROMIUM } from "../core/chromium.ts";
import { loadCodebook } from "../pipeline/codebook/index.ts";
import { buildReport } from "../pipeline/report/index.ts";
import { articlePath } from "../pipeline/report/paths.ts";
import { buildCorpus, INJECTION_TITLES } from "./fixtures/report/corpus.ts";
import { createFixtureDatabase } from "./fixtures/report/database.ts";

/**
 * The built report in Debian's chromium: every page loads from file:// with zero console errors and zero broken
 * internal links (files and #anchors), injected strings stay inert, the article filters work, no page scrolls
 * sideways on a phone, and screenshots at desktop and phone widths go to test/screenshots/ for review.
 */

const CHROMIUM = DEFAULT_CHROMIUM;
const FLAGS = CHROMIUM_FLAGS;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCREENSHOTS = join(ROOT, "test/screenshots");
const WIDTHS = { desktop: 1280, phone: 390 } as const;
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`skipping report browser tests: ${CHROMIUM} not found (apt-get install -y chromium enables them)`);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe.skipIf(!hasChromium)("report pages in chromium", () => {
  let dir: string;
  let site: string;
  let browser: Browser;
  let server: Server;
  let base: string;
  const corpus = buildCorpus({ articles: 70 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "framewatch-report-browser-"));
    await createFixtureDatabase(join(dir, "db.duckdb"), corpus, dir);
    site = join(dir, "report");
    await buildReport({
      dbPath: join(dir, "db.duckdb"),
      outDir: site,
      codebook: loadCodebook(join(ROOT, "data/codebooks/venezuela-2024.yaml")),
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^\/+/, "");
      const file = join(site, path || "index.html");
      if (!file.startsWith(site) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      const types: Record<string, string> = {
        ".html": "text/html",
        ".css": "text/css",
        ".js": "text/javascript",
        ".csv": "text/csv",
      };
      res.writeHead(200, { "content-type": `${types[extname(file)] ?? "application/octet-stream"}; charset=utf-8` });
      res.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a page, collecting console errors, page errors and requests that leave the site. */
  async function open(
    url: string,
    width: number = WIDTHS.desktop,
  ): Promise<{ page: Page; errors: string[]; external: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors: string[] = [];
    const external: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => {
      if (!r.url().startsWith("file:") && !r.url().startsWith(base) && !r.url().startsWith("data:"))
        external.push(r.url());
    });
    await page.goto(url, { waitUntil: "load" });
    return { page, errors, external };
  }

  const idsOf = new Map<string, Set<string>>();
  function ids(file: string): Set<string> {
    let set = idsOf.get(file);
    if (!set) {
      set = new Set([...readFileSync(file, "utf8").matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string));
      idsOf.set(file, set);
    }
    return set;
  }

  it("loads every page with no console errors, no outside requests and no broken internal links", async () => {
    const pages = walk(site).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(80);
    const broken: string[] = [];
    const problems: string[] = [];
    const { page, errors, external } = await open("about:blank");
    for (const file of pages) {
      errors.length = 0;
      external.length = 0;
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      const links = await page.$$eval("a[href], link[href], script[src]", (els) =>
        els.map((el) => (el as HTMLAnchorElement).href || (el as HTMLScriptElement).src),
      );
      const pwned = await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned);
      if (errors.length) problems.push(`${relative(site, file)}: ${errors.join("; ")}`);
      if (external.length) problems.push(`${relative(site, file)} requested ${external.join(", ")}`);
      if (pwned !== undefined) problems.push(`${relative(site, file)}: injected script ran (${pwned})`);
      for (const link of links) {
        const url = new URL(link);
        if (url.protocol !== "file:") continue;
        const target = fileURLToPath(url);
        if (!existsSync(target)) broken.push(`${relative(site, file)} → ${relative(site, target)}`);
        // "#outlet=…" is filter state for the article list (checked by the filter test), not an anchor.
        else if (url.hash && !url.hash.includes("=") && !ids(target).has(decodeURIComponent(url.hash.slice(1)))) {
          broken.push(`${relative(site, file)} → ${relative(site, target)}${url.hash}`);
        }
      }
    }
    await page.close();
    expect(problems).toEqual([]);
    expect(broken).toEqual([]);
  }, 300_000);

  it("serves the same pages from a static server", async () => {
    for (const path of ["index.html", "frames.html", "articles.html", articlePath(String(corpus.articles[0]?.id))]) {
      const { page, errors, external } = await open(new URL(path, base).href);
      const rows = path === "articles.html" ? await page.locator("#article-rows tr").count() : -1;
      await page.close();
      expect(errors, path).toEqual([]);
      expect(external, path).toEqual([]);
      if (rows >= 0) expect(rows).toBe(70);
    }
  });

  it("filters the article list and shows injected titles as text", async () => {
    const { page, errors } = await open(pathToFileURL(join(site, "articles.html")).href);
    expect(await page.locator("#article-rows tr").count()).toBe(70);
    await page.fill("#f-q", "script");
    await expect.poll(() => page.locator("#article-rows tr").count()).toBe(1);
    expect(await page.locator("#article-rows a").first().textContent()).toBe(INJECTION_TITLES[0]);
    await page.fill("#f-q", "");
    await page.selectOption("#f-outlet", "canal-patria");
    const canal = corpus.articles.filter((a) => a.outlet_id === "canal-patria").length;
    await expect.poll(() => page.locator("#article-rows tr").count()).toBe(canal);
    expect(page.url()).toContain("#outlet=canal-patria");
    await page.selectOption("#f-frame", "coup_framing");
    await page.selectOption("#f-stance", "endorsed");
    const expected = new Set(
      corpus.article_frames
        .filter((f) => f.frame === "coup_framing" && f.stance === "endorsed")
        .map((f) => f.article_id),
    );
    const both = corpus.articles.filter((a) => a.outlet_id === "canal-patria" && expected.has(a.id)).length;
    await expect.poll(() => page.locator("#article-rows tr").count()).toBe(both);
    expect(await page.locator("#result-count").textContent()).toBe(`${both} article${both === 1 ? "" : "s"}`);
    // A link with the filter in its hash opens the list already filtered (outlet pages link this way).
    await page.goto(`${pathToFileURL(join(site, "articles.html")).href}#outlet=harbor-wire`);
    const harbor = corpus.articles.filter((a) => a.outlet_id === "harbor-wire").length;
    await expect.poll(() => page.locator("#article-rows tr").count()).toBe(harbor);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    await page.close();
    expect(errors).toEqual([]);
  });

  it("fits a phone screen and writes screenshots for review", async () => {
    const article = articlePath(String(corpus.articles[0]?.id));
    const targets = [
      "index.html",
      "frames.html",
      "recognition.html",
      "recognition-evidence.html",
      "sources.html",
      "claims.html",
      "outlets.html",
      "outlets/canal-patria.html",
      "articles.html",
      article,
    ];
    const overflow: string[] = [];
    for (const [label, width] of Object.entries(WIDTHS)) {
      for (const target of targets) {
        const { page } = await open(pathToFileURL(join(site, target)).href, width);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > width + 1) overflow.push(`${target} at ${width}px: ${scrollWidth}px wide`);
        const name = target.startsWith("articles/") ? "article" : target.replace(/\.html$/, "").replace(/\W+/g, "-");
        await page.screenshot({ path: join(SCREENSHOTS, `report-${name}-${label}.png`), fullPage: true });
        await page.close();
      }
    }
    expect(overflow).toEqual([]);
    expect(existsSync(join(SCREENSHOTS, "report-index-phone.png"))).toBe(true);
  }, 300_000);

  it("labels charts for screen readers", async () => {
    const { page } = await open(pathToFileURL(join(site, "frames.html")).href);
    const charts = await page.$$eval("figure.figure svg[role=img]", (els) =>
      els.map((e) => e.getAttribute("aria-label")),
    );
    const headings = await page.$$eval("h1, h2", (els) => els.map((e) => e.tagName));
    await page.close();
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const label of charts) expect(label).toMatch(/\w/);
    expect(headings[0]).toBe("H1");
    expect(headings.filter((h) => h === "H1")).toHaveLength(1);
  });
});

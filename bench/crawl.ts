/**
 * Crawl throughput: HTTP pages/s against a local site of 5,000 invented pages (politeness off, robots still read),
 * and browser pages/s through chromium for an outlet marked `browser: true`. The site runs in a child process so the
 * crawler gets the measured CPU. Peak RSS is the crawler process's.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readLedger } from "../core/ledger.ts";
import type { Capture } from "../core/records.ts";
import { workspace } from "../core/workspace.ts";
import { chromiumAvailable, crawl, DEFAULT_LIMITS } from "../crawlers/index.ts";
import { parseRegistry } from "../crawlers/registry/index.ts";
import type { BenchOptions, BenchRow, BenchSuite } from "./types.ts";

const PAGES = 5_000;
const QUICK_PAGES = 1_000;
const BROWSER_PAGES = 20;
const QUICK_BROWSER_PAGES = 8;
const TOPIC = {
  keywords: ["Venezuela", "Maduro", "Caracas"],
  minDistinct: 2,
  window: { from: "2024-07-28", to: "2025-01-31" },
};

/** The site: robots.txt, a sitemap index of 1,000-URL sitemaps, ~8 KB article pages; /js/N pages render by script. */
const SERVER_SOURCE = `
import { createServer } from "node:http";
const pages = Number(process.argv[2]);
const filler = "<p>" + "Invented benchmark paragraph about Caracas. ".repeat(160) + "</p>";
const server = createServer((req, res) => {
  const url = req.url ?? "/";
  if (url === "/robots.txt") return res.writeHead(200, { "Content-Type": "text/plain" }).end("User-agent: *\\nAllow: /\\n");
  if (url === "/sitemap.xml") {
    const n = Math.ceil(pages / 1000);
    const items = Array.from({ length: n }, (_, i) => "<sitemap><loc>http://" + req.headers.host + "/sitemap-" + i + ".xml</loc></sitemap>").join("");
    return res.writeHead(200, { "Content-Type": "application/xml" }).end('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + items + "</sitemapindex>");
  }
  const sm = /^\\/sitemap-(\\d+)\\.xml$/.exec(url);
  if (sm) {
    const start = Number(sm[1]) * 1000;
    const items = [];
    for (let i = start; i < Math.min(start + 1000, pages); i++) items.push("<url><loc>http://" + req.headers.host + "/a/" + i + "</loc></url>");
    return res.writeHead(200, { "Content-Type": "application/xml" }).end('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + items.join("") + "</urlset>");
  }
  if (url === "/js-feed.xml") {
    const items = Array.from({ length: Number(process.argv[3]) }, (_, i) => "<item><link>http://" + req.headers.host + "/js/" + i + "</link></item>").join("");
    return res.writeHead(200, { "Content-Type": "application/rss+xml" }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>' + items + "</channel></rss>");
  }
  const a = /^\\/a\\/(\\d+)$/.exec(url);
  if (a) return res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end("<!doctype html><html><head><title>Page " + a[1] + "</title></head><body><article><h1>Maduro in Caracas " + a[1] + "</h1>" + filler + "</article></body></html>");
  const js = /^\\/js\\/(\\d+)$/.exec(url);
  if (js) return res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end('<!doctype html><html><body><article id="b"></article><script>document.getElementById("b").textContent = "Rendered page ' + js[1] + ' about Maduro";</script></body></html>');
  res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => process.stdout.write(String(server.address().port) + "\\n"));
`;

async function startServer(
  dir: string,
  pages: number,
  jsPages: number,
): Promise<{ origin: string; child: ChildProcess }> {
  const script = join(dir, "bench-site.mjs");
  writeFileSync(script, SERVER_SOURCE);
  const child = spawn(process.execPath, [script, String(pages), String(jsPages)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout?.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`bench site exited with ${code}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, child };
}

function registryFor(origin: string): ReturnType<typeof parseRegistry> {
  return parseRegistry(
    `outlets:
  - id: bench-http
    name: Bench HTTP
    homepage: "${origin}/"
    country: XX
    languages: [en]
    kind: independent_digital
    allowPrivateNetwork: true
    discovery: { sitemaps: ["${origin}/sitemap.xml"] }
    include: ['/a/\\d+$']
  - id: bench-browser
    name: Bench browser
    homepage: "${origin}/"
    country: XX
    languages: [en]
    kind: independent_digital
    allowPrivateNetwork: true
    browser: true
    discovery: { feeds: ["${origin}/js-feed.xml"] }
    include: ['/js/\\d+$']
`,
    "bench registry",
  );
}

export const suite: BenchSuite = async (options: BenchOptions): Promise<BenchRow[]> => {
  const pages = options.quick ? QUICK_PAGES : PAGES;
  const browserPages = options.quick ? QUICK_BROWSER_PAGES : BROWSER_PAGES;
  const { origin, child } = await startServer(options.scratchDir, pages, browserPages);
  const rows: BenchRow[] = [];
  try {
    const registry = registryFor(origin);
    const started = performance.now();
    const http = await crawl({
      workspace: workspace({ workdir: join(options.scratchDir, "http") }),
      registry,
      topic: TOPIC,
      outlets: ["bench-http"],
      politeness: false,
      browser: "never",
      limits: { globalConcurrency: 64 },
    });
    const seconds = (performance.now() - started) / 1000;
    const rate = http.newArticlePages / seconds;
    rows.push({
      suite: "crawl",
      measure: "HTTP pages/s (politeness off)",
      value: rate,
      unit: "pages/s",
      target: "≥ 200 pages/s",
      met: rate >= 200,
      note: `${http.newArticlePages} of ${pages} pages in ${seconds.toFixed(1)} s, WARC + captures written, ${http.failed} failed`,
    });
    rows.push({
      suite: "crawl",
      measure: "peak RSS after HTTP crawl",
      value: Math.round(process.resourceUsage().maxRSS / 1024),
      unit: "MB",
    });
    if (!chromiumAvailable()) {
      rows.push({
        suite: "crawl",
        measure: "browser pages/s",
        value: 0,
        unit: "pages/s",
        target: "≥ 5 pages/s",
        note: "skipped: chromium not found (apt-get install -y chromium)",
      });
      return rows;
    }
    const bStarted = performance.now();
    const browser = await crawl({
      workspace: workspace({ workdir: join(options.scratchDir, "browser") }),
      registry,
      topic: TOPIC,
      outlets: ["bench-browser"],
      politeness: false,
      browser: "auto",
    });
    const bSeconds = (performance.now() - bStarted) / 1000;
    // Steady state: between the first and the last rendered page, i.e. without chromium's start-up.
    const times: number[] = [];
    for await (const { record } of readLedger<Capture>(join(options.scratchDir, "browser", "captures.jsonl"))) {
      if (record.via === "browser" && record.status === 200) times.push(Date.parse(record.fetchedAt));
    }
    const span = times.length > 1 ? (Math.max(...times) - Math.min(...times)) / 1000 : Number.NaN;
    const steady = (times.length - 1) / span;
    rows.push({
      suite: "crawl",
      measure: "browser pages/s (steady state)",
      value: steady,
      unit: "pages/s",
      target: "≥ 5 pages/s",
      met: steady >= 5,
      note: `${browser.browserPages} of ${browserPages} pages; ${(browser.browserPages / bSeconds).toFixed(1)} pages/s over the whole run (${bSeconds.toFixed(1)} s incl. chromium start); ${DEFAULT_LIMITS.browserConcurrency} tabs`,
    });
    rows.push({
      suite: "crawl",
      measure: "peak RSS after browser crawl (crawler process, chromium excluded)",
      value: Math.round(process.resourceUsage().maxRSS / 1024),
      unit: "MB",
    });
    return rows;
  } finally {
    child.kill();
  }
};

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLedger } from "../core/ledger.ts";
import type { Capture, RunRecord } from "../core/records.ts";
import { workspace } from "../core/workspace.ts";
import { readWarcResponse } from "../crawlers/archive/index.ts";
import { type CrawlSummary, crawl } from "../crawlers/index.ts";
import { parseRegistry } from "../crawlers/registry/index.ts";
import {
  articleHtml,
  brotli,
  failFirst,
  gzipped,
  hang,
  html,
  huge,
  redirect,
  registryYaml,
  rss,
  sitemapIndex,
  slowBody,
  startSite,
  TEST_TOPIC,
  type TestSite,
  text,
  truncated,
  urlset,
  xml,
} from "./chaos/server.ts";

const GOOD = ["plain-1", "plain-2", "plain-3", "section-1", "section-2", "section-3"];
const CP1252_BODY = iconv.encode(
  "<html><head><title>Caf\u00e9</title></head><body><p>Se\u00f1al desde Caracas sobre Maduro \u2013 \u20ac</p></body></html>",
  "win1252",
);

let site: TestSite;
let root: string;
let summary: CrawlSummary;
let captures: Capture[];

beforeAll(async () => {
  site = await startSite({});
  const o = site.origin;
  const a = (slug: string) => `${o}/a/${slug}`;
  site.route("/robots.txt", text("User-agent: *\nDisallow: /private/\n"));
  site.route(
    "/feed.xml",
    xml(
      rss([
        { url: a("plain-1"), title: "Maduro and the CNE in Caracas", date: "Mon, 29 Jul 2024 10:00:00 GMT" },
        { url: `${a("plain-2")}?utm_source=rss#top`, title: "Venezuela: Maduro speaks" },
        { url: a("plain-3") },
        { url: a("gzip"), title: "Venezuela gzip Maduro" },
        { url: a("brotli"), title: "Venezuela brotli Maduro" },
        { url: a("cp1252") },
        { url: a("flaky-503") },
        { url: a("rate-429") },
        { url: a("always-500") },
        { url: a("timeout") },
        { url: a("slow-body") },
        { url: a("truncated") },
        { url: a("loop") },
        { url: a("moved") },
        { url: a("huge") },
        { url: a("pdf") },
        { url: a("retry-after-forever") },
        { url: `${o}/private/secret`, title: "Venezuela Maduro private" },
        {
          url: a("off-topic"),
          title: "Football results of the weekend",
          description:
            "The home side won two to one after a late header, the league leaders drew at the coast, and the relegation battle tightened again on a rainy Sunday afternoon.",
        },
        { url: a("too-old"), title: "Maduro in Caracas", date: "Tue, 01 Jan 2019 10:00:00 GMT" },
        { url: "http://10.1.2.3/a/elsewhere", title: "Venezuela Maduro" },
      ]),
      "application/rss+xml",
    ),
  );
  site.route(
    "/broken-feed.xml",
    xml(
      `<?xml version="1.0"?><rss><channel><item><title>Venezuela & Maduro</titel><link>${a("from-broken")}</link></item>`,
    ),
  );
  site.route("/sitemap.xml", xml(sitemapIndex([`${o}/sitemap-news.xml`, `${o}/sitemap-missing.xml`])));
  site.route(
    "/sitemap-news.xml",
    xml(
      urlset([
        { url: a("plain-1"), lastmod: "2024-07-29T10:00:00Z" },
        { url: a("from-sitemap"), title: "Caracas: CNE results", published: "2024-07-30T08:00:00-04:00" },
      ]),
    ),
  );
  site.route("/section", html(`<a href="/a/section-1">one</a><a href='/a/section-2'>two</a><a href=/x/nav>nav</a>`));
  site.route("/section?page=2", html(`<a href="/a/section-3">three</a><a href="/a/section-1">one again</a>`));
  site.route("/section?page=3", html(`<a href="/a/section-1">nothing new</a>`));
  for (const slug of [...GOOD, "from-broken", "from-sitemap", "moved-target"])
    site.route(`/a/${slug}`, html(articleHtml(slug)));
  site.route("/a/gzip", gzipped(articleHtml("gzip")));
  site.route("/a/brotli", brotli(articleHtml("brotli")));
  site.route("/a/cp1252", (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=windows-1252" });
    res.end(CP1252_BODY);
  });
  site.route("/a/flaky-503", failFirst(1, 503, html(articleHtml("flaky-503"))));
  site.route("/a/rate-429", failFirst(1, 429, html(articleHtml("rate-429")), { "Retry-After": "1" }));
  site.route("/a/always-500", failFirst(99, 500, html("never")));
  site.route("/a/timeout", hang);
  site.route("/a/slow-body", slowBody);
  site.route("/a/truncated", truncated);
  site.route("/a/loop", redirect("/a/loop-2"));
  site.route("/a/loop-2", redirect("/a/loop"));
  site.route("/a/moved", redirect("/a/moved-target", 301));
  site.route("/a/huge", huge(3 * 1024 * 1024));
  site.route("/a/pdf", (_req, res) => {
    res.writeHead(200, { "Content-Type": "application/pdf" });
    res.end("%PDF-1.4 not really");
  });
  site.route("/a/retry-after-forever", failFirst(99, 429, html("never"), { "Retry-After": "3600" }));
  site.route("/private/secret", html(articleHtml("secret")));

  root = mkdtempSync(join(tmpdir(), "fw-chaos-"));
  const registry = parseRegistry(
    registryYaml([
      {
        id: "chaos",
        origin: o,
        feeds: ["/feed.xml", "/broken-feed.xml"],
        sitemaps: ["/sitemap.xml"],
        extra: `      sections: [{ url: "${o}/section", pagination: { pattern: "${o}/section?page={n}", maxPages: 5 } }]\n    exclude: ['/x/']`,
      },
    ]).replace("      sections: []\n", ""),
    "chaos registry",
  );
  summary = await crawl({
    workspace: workspace({ workdir: root }),
    registry,
    topic: TEST_TOPIC,
    browser: "never",
    contact: "mailto:test@example.invalid",
    limits: {
      timeoutMs: 1_500,
      retryBaseMs: 50,
      maxRetryAfterMs: 5_000,
      maxBodyBytes: 1024 * 1024,
      hostDelayMs: 0,
      hostConcurrency: 6,
    },
  });
  captures = [];
  for await (const { record } of readLedger<Capture>(join(root, "captures.jsonl"))) captures.push(record);
}, 120_000);

afterAll(async () => {
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

function okArticles(): Capture[] {
  return captures.filter((c) => c.role === "article" && c.status === 200 && c.error === null);
}

function lastFor(slug: string): Capture | undefined {
  return captures.filter((c) => c.url.endsWith(`/a/${slug}`)).at(-1);
}

describe("crawl against a misbehaving site", () => {
  it("captures every good article exactly once, with its body in the WARC", async () => {
    const expected = [
      ...GOOD,
      "gzip",
      "brotli",
      "cp1252",
      "flaky-503",
      "rate-429",
      "from-broken",
      "from-sitemap",
      "moved",
    ].sort();
    const got = okArticles().map((c) => c.url.replace(/^.*\/a\//, ""));
    expect([...got].sort()).toEqual(expected);
    for (const c of okArticles()) {
      const r = await readWarcResponse(join(root, c.warcFile ?? ""), c.warcOffset ?? -1);
      expect(r.status).toBe(200);
      if (!c.url.endsWith("/cp1252")) expect(r.body.toString("utf8")).toContain("Invented test text");
    }
    expect(summary.newArticlePages).toBe(expected.length);
  });

  it("keeps legacy charsets as bytes, with their header, and stores gzip/br bodies decoded", async () => {
    const cp = lastFor("cp1252");
    const r = await readWarcResponse(join(root, cp?.warcFile ?? ""), cp?.warcOffset ?? -1);
    expect(Buffer.compare(r.body, CP1252_BODY)).toBe(0);
    expect(r.headers["content-type"]).toBe("text/html; charset=windows-1252");
    expect(cp?.contentType).toBe("text/html; charset=windows-1252");
    for (const slug of ["gzip", "brotli"]) {
      const c = lastFor(slug);
      const body = await readWarcResponse(join(root, c?.warcFile ?? ""), c?.warcOffset ?? -1);
      expect(body.body.toString("utf8")).toBe(articleHtml(slug));
    }
  });

  it("records each failure with its URL and a readable reason", () => {
    const reasons: Record<string, RegExp> = {
      "always-500": /HTTP 500.*gave up after 3 attempts/,
      timeout: /timeout after 1500 ms.*gave up/,
      "slow-body": /timeout after 1500 ms/,
      truncated: /truncated response/,
      loop: /redirect loop/,
      huge: /body exceeds 1048576 bytes/,
      pdf: /not HTML \(application\/pdf\)/,
      "retry-after-forever": /Retry-After 3600 s exceeds the 5 s bound/,
    };
    for (const [slug, reason] of Object.entries(reasons)) {
      const last = lastFor(slug);
      expect(last, slug).toBeDefined();
      expect(last?.error, slug).toMatch(reason);
      expect(last?.url).toBe(`${site.origin}/a/${slug}`);
    }
    // One failure per URL given up on, whatever the number of attempts: the 8 above, robots, the missing sitemap,
    // the broken feed.
    expect(summary.failed).toBe(Object.keys(reasons).length + 3);
    expect(summary.byOutlet.chaos?.failed).toBe(summary.failed);
    const privateCapture = captures.find((c) => c.url.endsWith("/private/secret"));
    expect(privateCapture?.error).toBe("robots.txt disallows this URL");
    expect(summary.robotsBlocked).toBe(1);
    expect(captures.find((c) => c.url.endsWith("/sitemap-missing.xml"))?.error).toBe("HTTP 404 Not Found");
    const broken = captures.find((c) => c.url.endsWith("/broken-feed.xml"));
    expect(broken?.error).toMatch(/malformed feed .*recovered 1 links by pattern/);
    expect(broken?.warcFile).not.toBeNull();
  });

  it("records retried attempts and then the success", () => {
    const flaky = captures.filter((c) => c.url.endsWith("/a/flaky-503"));
    expect(flaky.map((c) => c.status)).toEqual([503, 200]);
    expect(flaky[0]?.error).toMatch(/HTTP 503.*retry 2 of 3/);
    const rate = captures.filter((c) => c.url.endsWith("/a/rate-429"));
    expect(rate.map((c) => c.status)).toEqual([429, 200]);
    expect(rate[0]?.error).toMatch(/retry 2 of 3 in 1000 ms/);
  });

  it("never requests robots-disallowed, off-topic, out-of-window or foreign URLs", () => {
    const paths = site.requests.map((r) => r.path);
    expect(paths).not.toContain("/private/secret");
    expect(paths).not.toContain("/a/off-topic");
    expect(paths).not.toContain("/a/too-old");
    expect(paths).not.toContain("/x/nav");
    expect(captures.some((c) => c.url.includes("10.1.2.3"))).toBe(false);
    expect(summary.offTopicSkipped).toBe(1);
    expect(summary.outOfWindowSkipped).toBe(1);
    expect(paths.filter((p) => p === "/robots.txt")).toHaveLength(1);
  });

  it("follows section pagination until a page has nothing new, and canonicalises URLs", () => {
    const paths = site.requests.map((r) => r.path);
    expect(paths).toContain("/section?page=2");
    expect(paths).toContain("/section?page=3");
    expect(paths).not.toContain("/section?page=4");
    expect(paths).toContain("/a/plain-2");
    expect(captures.find((c) => c.url.includes("plain-2"))?.url).toBe(`${site.origin}/a/plain-2`);
    const moved = lastFor("moved");
    expect(moved?.finalUrl).toBe(`${site.origin}/a/moved-target`);
  });

  it("names framewatch and the contact in the User-Agent, and records every exchange", async () => {
    const agents = new Set(site.requests.map((r) => r.userAgent));
    expect([...agents]).toEqual(["framewatch/0.1 (+mailto:test@example.invalid)"]);
    for (const role of ["robots", "feed", "sitemap", "section", "article"]) {
      expect(
        captures.some((c) => c.role === role),
        role,
      ).toBe(true);
    }
    // Each request the server saw is either a capture or one hop of a redirect chain.
    const redirectHops = site.requests.filter((r) => /^\/a\/(loop|loop-2|moved-target)$/.test(r.path)).length;
    const aborted = site.requests.filter((r) => r.path === "/a/huge" || r.path === "/a/pdf").length;
    expect(captures.length).toBeGreaterThanOrEqual(site.requests.length - redirectHops - aborted);
    const runs: RunRecord[] = [];
    for await (const { record } of readLedger<RunRecord>(join(root, "runs.jsonl"))) runs.push(record);
    expect(runs.map((r) => r.status)).toEqual(["running", "ok"]);
    expect(runs[1]?.counts.newArticlePages).toBe(summary.newArticlePages);
  });
});

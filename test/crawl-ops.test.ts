import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readLedger } from "../core/ledger.ts";
import type { Capture, RunRecord } from "../core/records.ts";
import { workspace } from "../core/workspace.ts";
import { readWarcResponse, WarcWriter } from "../crawlers/archive/index.ts";
import { isBlockedAddress, safeLookup } from "../crawlers/fetch/safety.ts";
import { crawl } from "../crawlers/index.ts";
import { ingestWarc } from "../crawlers/ingest.ts";
import { acquireLock } from "../crawlers/lock.ts";
import { checkOutlets } from "../crawlers/outlets-check.ts";
import { parseRegistry } from "../crawlers/registry/index.ts";
import { runCycle } from "../crawlers/schedule.ts";
import {
  articleHtml,
  failFirst,
  html,
  registryYaml,
  rss,
  startSite,
  TEST_TOPIC,
  type TestSite,
  text,
  xml,
} from "./chaos/server.ts";

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "fw-ops-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function ledger<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  for await (const { record } of readLedger<T>(path)) out.push(record);
  return out;
}

let site: TestSite;
beforeAll(async () => {
  site = await startSite({});
  site.route("/robots.txt", text("User-agent: *\nAllow: /\n"));
  site.route("/feed.xml", xml(rss([{ url: `${site.origin}/a/one` }, { url: `${site.origin}/a/two` }])));
  site.route("/a/one", html(articleHtml("one")));
  site.route("/a/two", html(articleHtml("two")));
});
afterAll(async () => {
  await site?.close();
});

describe("network safety", () => {
  it("classifies loopback, private, link-local and mapped addresses as blocked", () => {
    for (const a of [
      "127.0.0.1",
      "10.2.3.4",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "0.0.0.0",
    ]) {
      expect(isBlockedAddress(a), a).toBe(true);
    }
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700::1111"]) expect(isBlockedAddress(a), a).toBe(false);
  });

  it("refuses an outlet on 127.0.0.1 without allowPrivateNetwork, sending nothing", async () => {
    const before = site.requests.length;
    const root = scratch();
    const yaml = registryYaml([{ id: "local", origin: site.origin, feeds: ["/feed.xml"] }]).replace(
      "allowPrivateNetwork: true",
      "allowPrivateNetwork: false",
    );
    const summary = await crawl({
      workspace: workspace({ workdir: root }),
      registry: parseRegistry(yaml, "t"),
      topic: TEST_TOPIC,
      browser: "never",
    });
    expect(site.requests.length).toBe(before);
    const captures = await ledger<Capture>(join(root, "captures.jsonl"));
    expect(captures.length).toBeGreaterThan(0);
    for (const c of captures) expect(c.error).toBe("blocked: 127.0.0.1 is a private/loopback address");
    expect(summary.fetched).toBe(0);
  });

  it("checks DNS answers: a name resolving to loopback is refused at connect time", async () => {
    const error = await new Promise<Error | null>((resolve) =>
      safeLookup(false)("localhost", { all: true }, (e) => resolve(e)),
    );
    expect(error?.message).toMatch(/^blocked: localhost resolves to a private\/loopback address/);
    const allowed = await new Promise<Error | null>((resolve) =>
      safeLookup(true)("localhost", { all: true }, (e) => resolve(e)),
    );
    expect(allowed).toBeNull();
  });
});

describe("run limits", () => {
  it("defers what --max-pages and --max-bytes hold back to the next run (via the frontier)", async () => {
    const root = scratch();
    const registry = parseRegistry(registryYaml([{ id: "lim", origin: site.origin, feeds: ["/feed.xml"] }]), "t");
    const base = {
      workspace: workspace({ workdir: root }),
      registry,
      topic: TEST_TOPIC,
      browser: "never" as const,
      limits: { hostDelayMs: 0 },
    };
    const first = await crawl({ ...base, maxPagesPerOutlet: 1 });
    expect([first.newArticlePages, first.deferred]).toEqual([1, 1]);
    const second = await crawl({ ...base, maxPagesPerOutlet: 1 });
    expect([second.newArticlePages, second.skippedSeen, second.deferred]).toEqual([1, 1, 0]);
    const broke = await crawl({ ...base, workspace: workspace({ workdir: scratch() }), maxBytesPerRun: 1 });
    expect([broke.newArticlePages, broke.deferred]).toEqual([0, 2]);
  });

  it("stops when aborted and records the run as interrupted", async () => {
    const root = scratch();
    const registry = parseRegistry(registryYaml([{ id: "abort", origin: site.origin, feeds: ["/feed.xml"] }]), "t");
    const controller = new AbortController();
    controller.abort();
    const summary = await crawl({
      workspace: workspace({ workdir: root }),
      registry,
      topic: TEST_TOPIC,
      browser: "never",
      signal: controller.signal,
    });
    expect(summary.fetched).toBe(0);
    const runs = await ledger<RunRecord>(join(root, "runs.jsonl"));
    expect(runs.map((r) => r.status)).toEqual(["running", "interrupted"]);
  });
});

describe("abort during a long Retry-After", () => {
  it("ends the crawl instead of waiting out the pause", async () => {
    const root = scratch();
    site.route("/feed-slow.xml", xml(rss([{ url: `${site.origin}/a/paused` }])));
    site.route("/a/paused", failFirst(99, 429, html("later"), { "Retry-After": "3600" }));
    const registry = parseRegistry(
      registryYaml([{ id: "pause", origin: site.origin, feeds: ["/feed-slow.xml"] }]),
      "t",
    );
    const controller = new AbortController();
    const ledgerPath = join(root, "captures.jsonl");
    const watcher = setInterval(async () => {
      const captures = await ledger<Capture>(ledgerPath).catch(() => []);
      if (captures.some((c) => c.status === 429)) controller.abort();
    }, 20);
    try {
      const summary = await crawl({
        workspace: workspace({ workdir: root }),
        registry,
        topic: TEST_TOPIC,
        browser: "never",
        signal: controller.signal,
        limits: { hostDelayMs: 0, maxRetryAfterMs: 7_200_000 },
      });
      expect(summary.newArticlePages).toBe(0);
    } finally {
      clearInterval(watcher);
    }
    const runs = await ledger<RunRecord>(join(root, "runs.jsonl"));
    expect(runs.at(-1)?.status).toBe("interrupted");
    const paused = (await ledger<Capture>(ledgerPath)).filter((c) => c.url.endsWith("/a/paused"));
    expect(paused.map((c) => c.status)).toEqual([429]);
    expect(paused[0]?.error).toMatch(/HTTP 429 Too Many Requests; retry 2 of 3 in 3600000 ms/);
  });
});

describe("workspace lock", () => {
  it("refuses a second holder, allows re-entry by the holder, and takes over a stale lock", () => {
    const ws = workspace({ workdir: scratch() });
    const release = acquireLock(ws, "test");
    expect(() => acquireLock(ws, "again")()).not.toThrow();
    const other = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("./crawlers/lock.ts").then(m => { try { m.acquireLock(${JSON.stringify(ws)}, "other"); console.log("acquired"); } catch (e) { console.log(e.message); } })`,
      ],
      { encoding: "utf8", cwd: process.cwd() },
    );
    expect(other.stdout).toMatch(/is busy: test run by pid \d+/);
    release();
    writeFileSync(ws.lockFile, JSON.stringify({ pid: 999_999_999, host: hostname(), purpose: "dead", since: "x" }));
    const again = acquireLock(ws, "after-stale");
    expect(JSON.parse(readFileSync(ws.lockFile, "utf8")).purpose).toBe("after-stale");
    again();
  });
});

describe("schedule", () => {
  it("runs one cycle (crawl, process skipped) and records it; a busy workspace is recorded as skipped", async () => {
    const root = scratch();
    const ws = workspace({ workdir: root });
    const registry = parseRegistry(registryYaml([{ id: "sched", origin: site.origin, feeds: ["/feed.xml"] }]), "t");
    const options = {
      crawl: { workspace: ws, registry, topic: TEST_TOPIC, browser: "never" as const, limits: { hostDelayMs: 0 } },
      codebookPath: "data/codebooks/venezuela-2024.yaml",
      noProcess: true,
    };
    const result = await runCycle(options);
    expect(result.record.status).toBe("ok");
    expect(result.crawl?.newArticlePages).toBe(2);
    expect(result.record.counts["crawl.newArticlePages"]).toBe(2);
    // Another process holds the lock: the cycle is skipped and says why.
    writeFileSync(ws.lockFile, JSON.stringify({ pid: process.ppid, host: hostname(), purpose: "crawl", since: "x" }));
    const busy = await runCycle(options);
    expect(busy.skipped).toMatch(/is busy: crawl run by pid/);
    rmSync(ws.lockFile);
    const runs = await ledger<RunRecord>(ws.runsLedger);
    const scheduleRuns = runs.filter((r) => r.kind === "schedule");
    expect(scheduleRuns.map((r) => r.status)).toEqual(["running", "ok", "failed"]);
    expect(scheduleRuns[2]?.errors[0]).toMatch(/^skipped: /);
    expect(runs.filter((r) => r.kind === "crawl").map((r) => r.status)).toEqual(["running", "ok"]);
  });
});

describe("ingest", () => {
  it("imports known hosts from an existing WARC, skips unknown hosts, and is idempotent", async () => {
    const source = scratch();
    const writer = WarcWriter.open(join(source, "warc"), "cc-news-like");
    const page = (host: string, slug: string, encoding?: "gzip") =>
      writer.writeExchange({
        url: `https://${host}/news/${slug}`,
        method: "GET",
        requestHeaders: {},
        status: 200,
        responseHeaders: { "Content-Type": "text/html; charset=utf-8" },
        body: encoding ? gzipSync(articleHtml(slug)) : Buffer.from(articleHtml(slug)),
        date: new Date(Date.UTC(2024, 6, 30)),
        via: "http",
      });
    const a = await page("www.paper.example", "first");
    await page("news.paper.example", "second");
    await page("unknown.example", "third");
    await page("unknown.example", "fourth");
    await page("www.paper.example", "../tag/elsewhere");
    await writer.close();
    const registry = parseRegistry(
      `outlets:\n  - id: paper\n    name: Paper\n    homepage: https://www.paper.example/\n    country: XX\n    languages: [en]\n    kind: national_paper\n    discovery:\n      feeds: [https://www.paper.example/feed]\n    exclude: ['/tag/']\n`,
      "t",
    );
    const root = scratch();
    const ws = workspace({ workdir: root });
    const file = join(source, a.file);
    const s = await ingestWarc({ workspace: ws, registry, files: [file] });
    expect(s).toMatchObject({
      records: 5,
      imported: 2,
      articles: 2,
      unknownHost: 2,
      outsidePatterns: 1,
      duplicates: 0,
      byOutlet: { paper: 2 },
    });
    expect(s.topUnknownHosts).toEqual([["unknown.example", 2]]);
    const captures = await ledger<Capture>(ws.capturesLedger);
    expect(captures.map((c) => [c.via, c.role, c.outletId, c.status])).toEqual([
      ["warc-ingest", "article", "paper", 200],
      ["warc-ingest", "article", "paper", 200],
    ]);
    const body = await readWarcResponse(join(root, captures[0]?.warcFile ?? ""), captures[0]?.warcOffset ?? -1);
    expect(body.body.toString()).toBe(articleHtml("first"));
    expect(captures[0]?.fetchedAt).toBe("2024-07-30T00:00:00.000Z");
    const again = await ingestWarc({ workspace: ws, registry, files: [file] });
    expect(again).toMatchObject({ imported: 0, duplicates: 2 });
    const bad = await ingestWarc({ workspace: ws, registry, files: [join(source, "missing.warc.gz")] });
    expect(bad.errors[0]).toMatch(/missing\.warc\.gz: cannot read WARC/);
  });
});

describe("outlets check", () => {
  it("reports which entry points answer", async () => {
    const yaml = registryYaml([{ id: "up", origin: site.origin, feeds: ["/feed.xml", "/nope.xml"] }]);
    const results = await checkOutlets(parseRegistry(yaml, "t"), { userAgent: "framewatch/0.1 (+test)" });
    expect(results.map((r) => [r.role, r.ok, r.detail])).toEqual([
      ["homepage", false, "HTTP 404"],
      ["feed", true, "ok"],
      ["feed", false, "HTTP 404"],
    ]);
  });
});

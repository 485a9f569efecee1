import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLedger } from "../core/ledger.ts";
import type { Capture } from "../core/records.ts";
import { workspace } from "../core/workspace.ts";
import { readWarcResponse } from "../crawlers/archive/index.ts";
import { type CrawlOptions, crawl } from "../crawlers/index.ts";
import { parseRegistry } from "../crawlers/registry/index.ts";
import {
  articleHtml,
  type Handler,
  registryYaml,
  rss,
  startSite,
  TEST_TOPIC,
  type TestSite,
  urlset,
  xml,
} from "./chaos/server.ts";

const SLUGS = ["one", "two", "three", "four"];

/** Article pages with ETags that honour If-None-Match, like a well-behaved CMS. */
function versioned(body: () => string, etag: () => string): Handler {
  return (req, res) => {
    if (req.headers["if-none-match"] === etag()) {
      res.writeHead(304, { ETag: etag() }).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      ETag: etag(),
      "Last-Modified": "Mon, 29 Jul 2024 10:00:00 GMT",
    });
    res.end(body());
  };
}

let site: TestSite;
let root: string;
const version: Record<string, number> = Object.fromEntries(SLUGS.map((s) => [s, 1]));
const lastmod: Record<string, string> = Object.fromEntries(SLUGS.map((s) => [s, "2024-07-29T10:00:00Z"]));
let base: CrawlOptions;

async function ledger(): Promise<Capture[]> {
  const out: Capture[] = [];
  for await (const { record } of readLedger<Capture>(join(root, "captures.jsonl"))) out.push(record);
  return out;
}

function articleRequests(from: number): string[] {
  return site.requests
    .slice(from)
    .map((r) => r.path)
    .filter((p) => p.startsWith("/a/"));
}

beforeAll(async () => {
  site = await startSite({});
  const o = site.origin;
  site.route("/robots.txt", xml("User-agent: *\nAllow: /\n", "text/plain"));
  site.route("/feed.xml", xml(rss(SLUGS.map((s) => ({ url: `${o}/a/${s}`, title: "Maduro in Caracas" })))));
  site.route("/sitemap.xml", (req, res, hit) =>
    xml(urlset(SLUGS.map((s) => ({ url: `${o}/a/${s}`, lastmod: lastmod[s] }))))(req, res, hit),
  );
  for (const slug of SLUGS) {
    site.route(
      `/a/${slug}`,
      versioned(
        () => articleHtml(slug, `version ${version[slug]}`),
        () => `"${slug}-v${version[slug]}"`,
      ),
    );
  }
  root = mkdtempSync(join(tmpdir(), "fw-incr-"));
  base = {
    workspace: workspace({ workdir: root }),
    registry: parseRegistry(
      registryYaml([{ id: "incr", origin: o, feeds: ["/feed.xml"], sitemaps: ["/sitemap.xml"] }]),
      "t",
    ),
    topic: TEST_TOPIC,
    browser: "never",
    limits: { hostDelayMs: 0, hostConcurrency: 4 },
  };
});

afterAll(async () => {
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("incremental crawling", () => {
  it("fetches every article on the first run", async () => {
    const summary = await crawl(base);
    expect(summary.newArticlePages).toBe(SLUGS.length);
    expect(articleRequests(0).sort()).toEqual(SLUGS.map((s) => `/a/${s}`).sort());
  });

  it("fetches no article again over an unchanged web, and says how many it skipped", async () => {
    const from = site.requests.length;
    const summary = await crawl(base);
    expect(articleRequests(from)).toEqual([]);
    expect(summary.skippedSeen).toBe(SLUGS.length);
    expect(summary.newArticlePages).toBe(0);
    const paths = site.requests.slice(from).map((r) => r.path);
    expect(paths.sort()).toEqual(["/feed.xml", "/robots.txt", "/sitemap.xml"]);
  });

  it("re-fetches a changed article (newer sitemap lastmod) with a conditional GET, and only that one", async () => {
    version.two = 2;
    lastmod.two = new Date(Date.now() + 1000).toISOString();
    const from = site.requests.length;
    const summary = await crawl(base);
    expect(articleRequests(from)).toEqual(["/a/two"]);
    const request = site.requests.slice(from).find((r) => r.path === "/a/two");
    expect(request?.headers["if-none-match"]).toBe('"two-v1"');
    expect(request?.headers["if-modified-since"]).toBe("Mon, 29 Jul 2024 10:00:00 GMT");
    expect(summary.newArticlePages).toBe(1);
    expect(summary.skippedSeen).toBe(SLUGS.length - 1);
    const two = (await ledger()).filter((c) => c.url.endsWith("/a/two") && c.status === 200);
    expect(two).toHaveLength(2);
    const latest = two[1];
    const body = await readWarcResponse(join(root, latest?.warcFile ?? ""), latest?.warcOffset ?? -1);
    expect(body.body.toString()).toContain("version 2");
  });

  it("records a 304 on revalidation as unchanged", async () => {
    const from = site.requests.length;
    const summary = await crawl({ ...base, limits: { ...base.limits, revalidateAfterDays: 0 } });
    expect(articleRequests(from).sort()).toEqual(SLUGS.map((s) => `/a/${s}`).sort());
    expect(summary.unchanged).toBe(SLUGS.length);
    expect(summary.newArticlePages).toBe(0);
    const runId = summary.runId;
    const revalidated = (await ledger()).filter((c) => c.runId === runId && c.role === "article");
    expect(revalidated.map((c) => c.status)).toEqual(SLUGS.map(() => 304));
    expect(revalidated.every((c) => c.error === null)).toBe(true);
  });
});

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readLedger } from "../core/ledger.ts";
import type { Capture } from "../core/records.ts";
import { workspace } from "../core/workspace.ts";
import { crawl } from "../crawlers/index.ts";
import type { Registry } from "../crawlers/registry/index.ts";
import { TEST_TOPIC } from "./chaos/server.ts";

interface DemoWebLike {
  registry: Registry;
  origins: Record<string, string>;
  requests: Array<{ outletId: string; method: string; path: string; status: number; userAgent: string }>;
  close(): Promise<void>;
}

const SERVER = fileURLToPath(new URL("../demo/server.ts", import.meta.url));
const HAS_DEMO = existsSync(SERVER);
if (!HAS_DEMO) console.warn("crawl-demo: demo/server.ts not present yet, demo crawl test skipped");

let web: DemoWebLike | null = null;
let root = "";
afterAll(async () => {
  await web?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Disallow prefixes of the "User-agent: *" group of a robots.txt. */
function disallowed(robots: string): string[] {
  const out: string[] = [];
  let inStar = false;
  for (const raw of robots.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    const [field, ...rest] = line.split(":");
    const value = rest.join(":").trim();
    if (/^user-agent$/i.test(field ?? "")) inStar = value === "*";
    else if (inStar && /^disallow$/i.test(field ?? "") && value) out.push(value);
  }
  return out;
}

describe("crawling the offline demo web", () => {
  it.skipIf(!HAS_DEMO)(
    "never requests robots-disallowed paths and names framewatch in every User-Agent",
    async () => {
      const { startDemoWeb } = (await import(SERVER)) as { startDemoWeb(o: { port: number }): Promise<DemoWebLike> };
      web = await startDemoWeb({ port: 0 });
      root = mkdtempSync(join(tmpdir(), "fw-demo-crawl-"));
      const summary = await crawl({
        workspace: workspace({ workdir: root }),
        registry: web.registry,
        topic: TEST_TOPIC,
        browser: "never",
        contact: "test suite",
        limits: { hostDelayMs: 0 },
      });
      expect(summary.newArticlePages).toBeGreaterThan(10);
      const rules = new Map<string, string[]>();
      for (const [id, origin] of Object.entries(web.origins)) {
        rules.set(id, disallowed(await (await fetch(`${origin}/robots.txt`)).text()));
      }
      const crawlRequests = web.requests.filter((r) => r.userAgent.startsWith("framewatch/"));
      expect(crawlRequests.length).toBeGreaterThan(20);
      expect(
        web.requests
          .filter((r) => r.path !== "/robots.txt" && !r.userAgent.startsWith("framewatch/"))
          .map((r) => r.userAgent),
      ).toEqual([]);
      for (const r of crawlRequests) {
        for (const prefix of rules.get(r.outletId) ?? [])
          expect(r.path.startsWith(prefix), `${r.outletId} ${r.path}`).toBe(false);
      }
      const captures: Capture[] = [];
      for await (const { record } of readLedger<Capture>(join(root, "captures.jsonl"))) captures.push(record);
      // The demo links to disallowed pages on purpose: they are recorded as refused, never fetched.
      expect(summary.robotsBlocked).toBeGreaterThan(0);
      expect(captures.filter((c) => c.error === "robots.txt disallows this URL").length).toBe(summary.robotsBlocked);
      expect(new Set(crawlRequests.map((r) => r.userAgent))).toEqual(new Set(["framewatch/0.1 (+test suite)"]));

      // A second crawl of the unchanged demo web fetches feeds, sitemaps, sections and robots.txt, but no article.
      const again = await crawl({
        workspace: workspace({ workdir: root }),
        registry: web.registry,
        topic: TEST_TOPIC,
        browser: "never",
        contact: "test suite",
        limits: { hostDelayMs: 0 },
      });
      expect(again.newArticlePages).toBe(0);
      expect(again.skippedSeen).toBeGreaterThanOrEqual(summary.newArticlePages);
      const second: Capture[] = [];
      for await (const { record } of readLedger<Capture>(join(root, "captures.jsonl"))) {
        if (record.runId === again.runId) second.push(record);
      }
      expect(second.filter((c) => c.role === "article" && c.status !== null)).toEqual([]);
      expect(second.some((c) => c.role === "feed" || c.role === "sitemap")).toBe(true);
    },
    180_000,
  );
});

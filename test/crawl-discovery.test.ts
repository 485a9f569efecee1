import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeBody, parseDiscovery, pickSitemaps } from "../crawlers/discovery/index.ts";
import { HostScheduler } from "../crawlers/fetch/hosts.ts";
import { retryAfterMs } from "../crawlers/fetch/http.ts";
import { robotsPolicy } from "../crawlers/fetch/robots.ts";
import { canonicalUrl } from "../crawlers/url.ts";

const FIXTURES = fileURLToPath(new URL("./fixtures/crawl/", import.meta.url));
const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("discovery golden cases (test/fixtures/crawl)", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThanOrEqual(8));
  for (const name of cases) {
    it(name, () => {
      const dir = join(FIXTURES, name);
      const spec = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as {
        kind: "feed" | "sitemap" | "section";
        url: string;
        contentType: string | null;
      };
      const input = readdirSync(dir).find((f) => f.startsWith("input."));
      const body = readFileSync(join(dir, input ?? "input"));
      const actual = parseDiscovery(spec.kind, body, spec.contentType, spec.url);
      const expectedFile = join(dir, "expected.json");
      if (!existsSync(expectedFile)) {
        if (process.env.CI === "true") throw new Error(`missing golden file ${expectedFile}`);
        writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      }
      expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, "utf8")));
    });
  }
});

describe("discovery helpers", () => {
  it("prefers child sitemaps of the study window and drops those that cannot hold it", () => {
    const window = { from: "2024-07-28", to: "2025-01-31" };
    const child = (url: string, modified: string | null = null) => ({ url, text: null, published: null, modified });
    const picked = pickSitemaps(
      [
        child("https://n.example/sitemap-latest.xml", "2026-11-29"),
        child("https://n.example/sitemap-2023-05.xml", "2024-09-01"),
        child("https://n.example/sitemap-2024-08.xml", "2025-03-01"),
        child("https://n.example/sitemap-old.xml", "2024-07-01"),
        child("https://n.example/sitemaps/2025/01/index.xml"),
        child("https://n.example/sitemap-202501.xml", "2025-02-01"),
      ],
      window,
      3,
    );
    expect(picked.map((c) => c.url)).toEqual([
      "https://n.example/sitemap-2024-08.xml",
      "https://n.example/sitemap-202501.xml",
      "https://n.example/sitemaps/2025/01/index.xml",
    ]);
  });

  it("canonicalises URLs for deduplication", () => {
    expect(canonicalUrl("HTTPS://News.Example:443/a/B?utm_source=x&id=3&fbclid=y#top")).toBe(
      "https://news.example/a/B?id=3",
    );
    expect(canonicalUrl("http://news.example:80/a?")).toBe("http://news.example/a");
    expect(canonicalUrl("http://news.example:8080/a?b=2&a=1")).toBe("http://news.example:8080/a?b=2&a=1");
  });

  it("decodes bodies by header charset, XML declaration or meta, UTF-8 otherwise", () => {
    const latin1 = Buffer.from([0x53, 0x65, 0xf1, 0x61, 0x6c]);
    expect(decodeBody(latin1, "text/html; charset=ISO-8859-1")).toBe("Señal");
    expect(decodeBody(Buffer.concat([Buffer.from('<meta charset="windows-1252">'), latin1]), "text/html")).toContain(
      "Señal",
    );
    expect(decodeBody(Buffer.from("Señal"), null)).toBe("Señal");
  });

  it("follows RFC 9309 for robots.txt outcomes and reads Crawl-delay for our agent", () => {
    const text =
      "User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n\nUser-agent: framewatch\nDisallow: /no-bots/\nCrawl-delay: 90\n";
    const policy = robotsPolicy("https://n.example/robots.txt", 200, text, "framewatch");
    expect(policy.allowed("https://n.example/no-bots/x")).toBe(false);
    expect(policy.allowed("https://n.example/private/x")).toBe(true);
    expect(policy.crawlDelayMs).toBe(30_000);
    expect(robotsPolicy("https://n.example/robots.txt", 404, "", "framewatch").allowed("https://n.example/x")).toBe(
      true,
    );
    const down = robotsPolicy("https://n.example/robots.txt", 503, "", "framewatch");
    expect(down.allowed("https://n.example/x")).toBe(false);
    expect(down.blanket).toBe("robots.txt unreachable (HTTP 503), assuming disallow");
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs("120")).toBe(120_000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:30 GMT", Date.UTC(2015, 9, 21, 7, 28, 0))).toBe(30_000);
    expect(retryAfterMs("soon")).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
  });

  it("never runs more requests at once per host than allowed, while other hosts proceed", async () => {
    const scheduler = new HostScheduler(8, { maxConcurrency: 2, minDelayMs: 0 });
    scheduler.configure("slow.example", { maxConcurrency: 1 });
    const active = new Map<string, number>();
    const peak = new Map<string, number>();
    const order: string[] = [];
    const job = (host: string, i: number) =>
      scheduler.schedule(host, async () => {
        active.set(host, (active.get(host) ?? 0) + 1);
        peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host) ?? 0));
        await new Promise((r) => setImmediate(r));
        order.push(`${host}#${i}`);
        active.set(host, (active.get(host) ?? 0) - 1);
      });
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => job("slow.example", i)),
      ...Array.from({ length: 6 }, (_, i) => job("fast.example", i)),
    ]);
    scheduler.stop();
    expect(peak.get("slow.example")).toBe(1);
    expect(peak.get("fast.example")).toBe(2);
    // Per host, jobs run in submission order.
    expect(order.filter((o) => o.startsWith("slow")).map((o) => o.split("#")[1])).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
    ]);
    // The fast host is not stuck behind the slow one.
    expect(order.indexOf("fast.example#5")).toBeLessThan(order.indexOf("slow.example#5"));
  });
});

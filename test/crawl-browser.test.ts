import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLedger } from "../core/ledger.ts";
import type { Capture } from "../core/records.ts";
import { workspace } from "../core/workspace.ts";
import { iterateWarcResponses, readWarcResponse } from "../crawlers/archive/index.ts";
import { chromiumAvailable, crawl } from "../crawlers/index.ts";
import { parseRegistry, type Registry } from "../crawlers/registry/index.ts";
import { html, registryYaml, rss, startSite, TEST_TOPIC, type TestSite, text, xml } from "./chaos/server.ts";

/** The article text exists only after the script runs (split so the raw HTML never contains it whole). */
const JS_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>JS page</title></head><body><article id="body"></article>
<script>document.getElementById("body").innerHTML = "<p>" + ["Rendered", "text", "about", "Maduro", "in", "Caracas"].join(" ") + "</p>";</script></body></html>`;

const HAS_CHROMIUM = chromiumAvailable();
if (!HAS_CHROMIUM) {
  console.warn(
    "crawl-browser: /usr/bin/chromium not found, browser capture test skipped (apt-get install -y chromium enables it)",
  );
}

let site: TestSite;
let registry: Registry;
const dirs: string[] = [];

beforeAll(async () => {
  site = await startSite({});
  site.route("/robots.txt", text("User-agent: *\nAllow: /\n"));
  site.route("/feed.xml", xml(rss([{ url: `${site.origin}/a/js-page` }])));
  site.route("/a/js-page", html(JS_PAGE));
  registry = parseRegistry(
    registryYaml([{ id: "jsout", origin: site.origin, feeds: ["/feed.xml"], extra: "    browser: true" }]),
    "t",
  );
});

afterAll(async () => {
  await site?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), "fw-browser-"));
  dirs.push(d);
  return d;
}

describe("browser pages", () => {
  it.skipIf(!HAS_CHROMIUM)("captures the rendered DOM (with its text) plus the original response", async () => {
    const root = scratch();
    const summary = await crawl({
      workspace: workspace({ workdir: root }),
      registry,
      topic: TEST_TOPIC,
      limits: { hostDelayMs: 0 },
    });
    expect(summary.browserPages).toBe(1);
    expect(summary.browserNote).toBeNull();
    const captures: Capture[] = [];
    for await (const { record } of readLedger<Capture>(join(root, "captures.jsonl"))) captures.push(record);
    const article = captures.find((c) => c.role === "article");
    expect(article).toMatchObject({
      via: "browser",
      status: 200,
      error: null,
      contentType: "text/html; charset=utf-8",
    });
    const rendered = await readWarcResponse(join(root, article?.warcFile ?? ""), article?.warcOffset ?? -1);
    expect(rendered.body.toString()).toContain("<p>Rendered text about Maduro in Caracas</p>");
    const records = [];
    for await (const r of iterateWarcResponses(join(root, article?.warcFile ?? ""))) records.push(r);
    const original = records.find((r) => r.warcHeaders["warc-framewatch-page"] === "original-response");
    const dom = records.find((r) => r.warcHeaders["warc-framewatch-page"] === "rendered-dom");
    expect(original?.body.toString()).toBe(JS_PAGE);
    expect(original?.warcHeaders["warc-framewatch-via"]).toBe("browser");
    expect(dom?.warcHeaders["warc-concurrent-to"]).toBe(original?.recordId);
    expect(site.requests.filter((r) => r.path === "/a/js-page").map((r) => r.userAgent)).toContain(
      "framewatch/0.1 (research crawler; no contact given)",
    );
  });

  it("records a chromium that fails to start once per page, without retries", async () => {
    const root = scratch();
    const summary = await crawl({
      workspace: workspace({ workdir: root }),
      registry,
      topic: TEST_TOPIC,
      chromiumPath: "/bin/false",
      limits: { hostDelayMs: 0, retryBaseMs: 10 },
    });
    expect(summary.failed).toBe(1);
    const articles: Capture[] = [];
    for await (const { record } of readLedger<Capture>(join(root, "captures.jsonl"))) {
      if (record.role === "article") articles.push(record);
    }
    expect(articles).toHaveLength(1);
    expect(articles[0]?.error).toMatch(/^browser: chromium at \/bin\/false failed to start/);
    expect(articles[0]?.via).toBe("browser");
  });

  it("skips browser pages with a plain message when chromium is missing or disabled", async () => {
    const missing = await crawl({
      workspace: workspace({ workdir: scratch() }),
      registry,
      topic: TEST_TOPIC,
      chromiumPath: "/nonexistent/chromium",
      limits: { hostDelayMs: 0 },
    });
    expect(missing.browserSkipped).toBe(1);
    expect(missing.browserNote).toBe("skipped 1 browser pages: chromium not found (apt-get install -y chromium)");
    const disabled = await crawl({
      workspace: workspace({ workdir: scratch() }),
      registry,
      topic: TEST_TOPIC,
      browser: "never",
      limits: { hostDelayMs: 0 },
    });
    expect(disabled.browserNote).toBe("skipped 1 browser pages: browser disabled (--no-browser)");
  });
});

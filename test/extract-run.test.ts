import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Article, Capture, ExtractSkip } from "../core/records.ts";
import { ensureWorkspace, workspace } from "../core/workspace.ts";
import { WarcWriter } from "../crawlers/archive/index.ts";
import { parseRegistry } from "../crawlers/registry/index.ts";
import type { TopicSpec } from "../pipeline/codebook/index.ts";
import { runExtract } from "../pipeline/extract/run.ts";

/** runExtract over a workspace built here (our own texts in WARC records): identity, skips, duplicates, reruns. */

const root = mkdtempSync(join(tmpdir(), "framewatch-extract-run-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TOPIC: TopicSpec = {
  keywords: ["venezuela", "maduro", "gonzález", "cne"],
  minDistinct: 2,
  window: { from: "2024-07-01", to: "2024-12-31" },
};
const REGISTRY = parseRegistry(
  `outlets:
  - { id: north-news, name: North News, homepage: "https://www.north.example/", country: GB, languages: [en], kind: national_paper, discovery: { feeds: ["https://www.north.example/rss"] } }
  - { id: south-post, name: South Post, homepage: "https://south.example/", country: US, languages: [en], kind: regional_paper, discovery: { feeds: ["https://south.example/rss"] } }
`,
  "test registry",
);

const VENEZUELA = [
  "Venezuela's electoral council, the CNE, declared Nicolás Maduro the winner of Sunday's presidential vote without publishing results by polling station.",
  "The opposition said its own tally sheets showed Edmundo González ahead, and asked foreign observers to compare the two sets of figures.",
  "Several governments in the region said they would wait for the detailed results before taking a position.",
];
const OFF_TOPIC = [
  "The county fair opened on Saturday with a record number of stalls selling cheese, honey and hand-made furniture from the valley.",
  "Organisers said the warm weather brought families from the whole region and that parking ran out before noon.",
];
const html = (title: string, paras: string[], published: string, canonical?: string) =>
  `<!DOCTYPE html><html lang="en"><head><title>${title}</title><meta property="article:published_time" content="${published}">${
    canonical ? `<link rel="canonical" href="${canonical}">` : ""
  }</head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>${paras.map((p) => `<p>${p}</p>`).join("")}</article></body></html>`;

interface PageSpec {
  outletId: string;
  url: string;
  body: string;
  contentType?: string;
  role?: Capture["role"];
  status?: number;
}

async function buildWorkspace(pages: PageSpec[]) {
  const ws = workspace({ workdir: join(root, "ws") });
  ensureWorkspace(ws);
  const writer = WarcWriter.open(ws.warcDir, "test");
  const captures: Capture[] = [];
  for (const [i, p] of pages.entries()) {
    const status = p.status ?? 200;
    const written = await writer.writeExchange({
      url: p.url,
      method: "GET",
      requestHeaders: {},
      status,
      responseHeaders: { "content-type": p.contentType ?? "text/html; charset=utf-8" },
      body: Buffer.from(p.body, "utf8"),
      date: new Date(Date.UTC(2024, 7, 1, 12, 0, i)),
      via: "http",
    });
    captures.push({
      id: `cap-${i}`,
      runId: "run-1",
      outletId: p.outletId,
      role: p.role ?? "article",
      url: p.url,
      finalUrl: p.url,
      status,
      contentType: p.contentType ?? "text/html; charset=utf-8",
      fetchedAt: `2024-08-01T12:00:0${i % 10}Z`,
      bodySha256: null,
      bytes: p.body.length,
      warcFile: written.file,
      warcOffset: written.offset,
      warcLength: written.length,
      via: "http",
      discoveredFrom: null,
      error: null,
    });
  }
  await writer.close();
  writeFileSync(ws.capturesLedger, captures.map((c) => `${JSON.stringify(c)}\n`).join(""));
  return ws;
}

const lines = <T>(path: string): T[] =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

describe("runExtract", () => {
  it("extracts, skips with reasons, marks duplicates and is incremental", async () => {
    const ws = await buildWorkspace([
      // 0: on topic, fetched through a tracking link; canonical on the outlet's own (bare) host.
      {
        outletId: "north-news",
        url: "https://www.north.example/world/vote?utm_source=rss",
        body: html("Vote disputed", VENEZUELA, "2024-07-29T08:00:00Z", "https://north.example/world/vote/"),
      },
      // 1: the same text republished by another outlet whose canonical points to the original: not adopted.
      {
        outletId: "south-post",
        url: "https://south.example/wire/vote",
        body: html("Vote disputed", VENEZUELA, "2024-07-29T10:00:00Z", "https://www.north.example/world/vote"),
      },
      {
        outletId: "north-news",
        url: "https://www.north.example/fair",
        body: html("Fair opens", OFF_TOPIC, "2024-08-03"),
      },
      {
        outletId: "north-news",
        url: "https://www.north.example/old",
        body: html("Old vote", VENEZUELA.slice(0, 2), "2019-01-10"),
      },
      {
        outletId: "north-news",
        url: "https://www.north.example/app",
        body: '<html><body><div id="app"></div></body></html>',
      },
      {
        outletId: "north-news",
        url: "https://www.north.example/file.pdf",
        body: "%PDF-1.4",
        contentType: "application/pdf",
      },
      // 6: a second capture of article 0 with the same text.
      {
        outletId: "north-news",
        url: "https://www.north.example/world/vote",
        body: html("Vote disputed", VENEZUELA, "2024-07-29T08:00:00Z", "https://north.example/world/vote"),
      },
      { outletId: "north-news", url: "https://www.north.example/rss", body: "<rss/>", role: "feed" },
      { outletId: "north-news", url: "https://www.north.example/gone", body: "gone", status: 404 },
    ]);
    const summary = await runExtract(ws, { registry: REGISTRY, topic: TOPIC });
    expect(summary).toMatchObject({ considered: 7, articles: 2, duplicates: 1, alreadyDone: 0 });
    expect(summary.skipped).toEqual({
      no_article: 1,
      off_topic: 1,
      out_of_window: 1,
      unchanged: 1,
      not_html: 1,
      error: 0,
    });

    const articles = lines<Article>(ws.articlesLedger);
    const [first, second] = articles;
    expect(first?.url).toBe("https://north.example/world/vote");
    expect(first?.fetchedUrl).toBe("https://www.north.example/world/vote?utm_source=rss");
    expect(first?.text).toBe(VENEZUELA.join("\n\n"));
    expect(first?.topicMatches).toEqual(["venezuela", "maduro", "gonzález", "cne"]);
    expect(first?.duplicateOf).toBeNull();
    expect(second?.url).toBe("https://south.example/wire/vote");
    expect(second?.duplicateOf).toBe(first?.id);
    expect(second?.textSha256).toBe(first?.textSha256);

    const skips = lines<ExtractSkip>(ws.extractSkipsLedger);
    expect(skips.map((s) => [s.captureId, s.reason])).toEqual([
      ["cap-2", "off_topic"],
      ["cap-3", "out_of_window"],
      ["cap-4", "no_article"],
      ["cap-5", "not_html"],
      ["cap-6", "unchanged"],
    ]);

    const before = [readFileSync(ws.articlesLedger, "utf8"), readFileSync(ws.extractSkipsLedger, "utf8")];
    const again = await runExtract(ws, { registry: REGISTRY, topic: TOPIC });
    expect(again).toMatchObject({ considered: 0, articles: 0, alreadyDone: 7 });
    expect([readFileSync(ws.articlesLedger, "utf8"), readFileSync(ws.extractSkipsLedger, "utf8")]).toEqual(before);
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../core/chromium.ts";
import { workspace } from "../core/workspace.ts";
import { loadDemoArticles } from "../demo/articles.ts";
import { type DemoResult, runDemo } from "../demo/run.ts";
import { type Database, openDatabase } from "../pipeline/load/db.ts";

/**
 * The whole pipeline over the demo web, twice: the first run (edition 1) and a rerun (edition 2, with edited
 * articles) into the same temporary workspace. Assertions are on the database and the report files.
 */

const HAS_CHROMIUM = chromiumAvailable();
if (!HAS_CHROMIUM) {
  console.warn(
    "e2e: /usr/bin/chromium not found: the JS-rendered outlet is skipped (apt-get install -y chromium enables it)",
  );
}
const CODEBOOK = "data/codebooks/venezuela-2024.yaml";
const demo = loadDemoArticles();
const JS_OUTLET = "ventana-libre";

describe("framewatch demo, end to end", () => {
  const dir = mkdtempSync(join(tmpdir(), "fw-e2e-"));
  const ws = workspace({ workdir: dir });
  let first: DemoResult;
  let second: DemoResult;
  let db: Database;

  beforeAll(async () => {
    // Both runs must serve the web on the same port: article identity is the URL, as with the fixed port of `npm start`.
    const port = await freePort();
    first = await runDemo({ workspace: ws, codebookPath: CODEBOOK, port });
    second = await runDemo({ workspace: ws, codebookPath: CODEBOOK, port });
    db = await openDatabase(ws.dbPath, { readOnly: true });
  }, 600_000);

  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectedPerOutlet = Object.fromEntries(
    demo
      .filter((set) => HAS_CHROMIUM || set.outlet !== JS_OUTLET)
      .map((set) => [set.outlet, set.articles.filter((a) => a.topic).length]),
  );

  it("keeps exactly the on-topic articles of every outlet, once each", async () => {
    const rows = await db.query<{ outlet_id: string; n: number; urls: number; ids: number }>(
      "SELECT outlet_id, count(*) AS n, count(DISTINCT url) AS urls, count(DISTINCT id) AS ids FROM articles GROUP BY outlet_id",
    );
    const counts = Object.fromEntries(rows.map((r) => [r.outlet_id, Number(r.n)]));
    expect(counts).toEqual(expectedPerOutlet);
    for (const row of rows) expect(Number(row.urls)).toBe(Number(row.n));
  });

  it("drops the off-topic articles and never stores an alias URL as its own article", async () => {
    const titles = new Set((await db.query<{ title: string }>("SELECT title FROM articles")).map((r) => r.title));
    for (const set of demo) {
      for (const article of set.articles.filter((a) => !a.topic)) expect(titles.has(article.title)).toBe(false);
    }
    const aliasRows = await db.query<{ n: number }>("SELECT count(*) AS n FROM articles WHERE url LIKE '%/amp/%'");
    expect(Number(aliasRows[0]?.n)).toBe(0);
  });

  it("marks the republished wire story as a duplicate of the original", async () => {
    const republished = demo.flatMap((set) =>
      set.articles.filter((a) => a.republishedFrom).map((a) => ({ outlet: set.outlet, article: a })),
    );
    expect(republished.length).toBeGreaterThan(0);
    for (const { outlet, article } of republished) {
      const [copy] = await db.query<{ duplicate_of: string | null }>(
        "SELECT duplicate_of FROM articles WHERE outlet_id = ? AND title = ?",
        [outlet, article.title],
      );
      const [originalOutlet] = (article.republishedFrom ?? "").split("/");
      const [original] = await db.query<{ id: string }>(
        "SELECT id FROM articles WHERE outlet_id = ? AND duplicate_of IS NULL AND text = (SELECT text FROM articles WHERE outlet_id = ? AND title = ?)",
        [originalOutlet, outlet, article.title],
      );
      expect(copy?.duplicate_of).toBe(original?.id);
    }
  });

  it("keeps both versions of an article edited after publication, and the rerun duplicates nothing", async () => {
    const updated = demo.flatMap((set) =>
      set.articles.filter((a) => a.updated && (HAS_CHROMIUM || set.outlet !== JS_OUTLET)).map((a) => a.title),
    );
    expect(updated.length).toBeGreaterThan(0);
    const rows = await db.query<{ title: string; n_versions: number }>(
      "SELECT title, n_versions FROM articles WHERE n_versions > 1",
    );
    expect(rows.map((r) => r.title).sort()).toEqual([...updated].sort());
    expect(second.edition).toBe(2);
    expect(second.crawl.skippedSeen).toBeGreaterThan(0);
    const [versions] = await db.query<{ n: number }>("SELECT count(*) AS n FROM article_versions");
    const total = Object.values(expectedPerOutlet).reduce((a, b) => a + b, 0);
    expect(Number(versions?.n)).toBe(total + updated.length);
  });

  it("archives every successful capture in WARC", async () => {
    const [row] = await db.query<{ missing: number; total: number }>(
      "SELECT count(*) FILTER (WHERE warc_file IS NULL) AS missing, count(*) AS total FROM captures WHERE status = 200 AND error IS NULL",
    );
    expect(Number(row?.total)).toBeGreaterThan(60);
    expect(Number(row?.missing)).toBe(0);
    expect(readdirSync(ws.warcDir).some((f) => f.endsWith(".warc.gz"))).toBe(true);
  });

  it("tags the demo articles close to their gold annotation, with evidence from the text", async () => {
    const frames = await db.query<{ title: string; frame: string; stance: string }>(
      "SELECT a.title, f.frame, f.stance FROM articles a JOIN article_frames f ON f.version_id = a.latest_version_id",
    );
    const predicted = new Set(frames.map((f) => `${f.title}\u0000${f.frame}`));
    let tp = 0;
    let fn = 0;
    for (const set of demo) {
      if (!HAS_CHROMIUM && set.outlet === JS_OUTLET) continue;
      for (const article of set.articles.filter((a) => a.topic)) {
        const gold = article.updated?.gold ?? article.gold;
        for (const frame of Object.keys(gold?.frames ?? {})) {
          if (predicted.has(`${article.title}\u0000${frame}`)) tp++;
          else fn++;
        }
      }
    }
    expect(tp / (tp + fn)).toBeGreaterThan(0.7);
    const evidence = await db.query<{ ok: boolean }>(
      `SELECT bool_and(contains(v.text, r.evidence)) AS ok FROM recognitions r JOIN article_versions v USING (version_id)`,
    );
    expect(evidence[0]?.ok).toBe(true);
  });

  it("builds a report that opens from disk", () => {
    const index = first.process.report?.index ?? "";
    expect(existsSync(index)).toBe(true);
    const html = readFileSync(index, "utf8");
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|fonts)\./);
  });
});

/** A port that is free on the demo's first loopback address right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.11", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

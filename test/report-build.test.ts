import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerReport } from "../cli/commands/report.ts";
import { loadCodebook } from "../pipeline/codebook/index.ts";
import { openDatabase } from "../pipeline/load/db.ts";
import { articleBatches, buildReport, buildSite, loadReportData } from "../pipeline/report/index.ts";
import { articlePath } from "../pipeline/report/paths.ts";
import type { ArticleDetail, ReportData, StudyInfo } from "../pipeline/report/types.ts";
import { buildCorpus, INJECTION_TITLES, INJECTION_URL, OUTLETS } from "./fixtures/report/corpus.ts";
import { createFixtureDatabase } from "./fixtures/report/database.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CODEBOOK = join(ROOT, "data/codebooks/venezuela-2024.yaml");
const N_ARTICLES = 70;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Markup that would run if a string from the web were not escaped. */
const ACTIVE_INJECTION = /<script>window\.__pwned|<img src=x onerror|<b onmouseover|href="javascript:/;

describe("report from a DuckDB database", () => {
  let dir: string;
  let dbPath: string;
  let outDir: string;
  let data: ReportData;
  const corpus = buildCorpus({ articles: N_ARTICLES });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "framewatch-report-"));
    dbPath = join(dir, "fixture.duckdb");
    outDir = join(dir, "report");
    await createFixtureDatabase(dbPath, corpus, dir);
    const db = await openDatabase(dbPath, { readOnly: true });
    try {
      data = await loadReportData(db);
    } finally {
      db.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads the views into report data that matches the corpus", () => {
    expect(data.totals.nArticles).toBe(N_ARTICLES);
    expect(data.totals.nFailures).toBe(3);
    expect(data.outlets.map((o) => o.outletId).sort()).toEqual(OUTLETS.map((o) => o.outlet_id).sort());
    expect(data.outlets.reduce((a, o) => a + o.nArticles, 0)).toBe(N_ARTICLES);
    for (const frame of ["fraud_narrative", "coup_framing"]) {
      const present = data.frameByOutlet.filter((r) => r.frame === frame).reduce((a, r) => a + r.nPresent, 0);
      expect(present).toBe(corpus.article_frames.filter((f) => f.frame === frame).length);
    }
    const endorsed = data.frameByGroup
      .filter((r) => r.groupBy === "kind" && r.frame === "coup_framing")
      .reduce((a, r) => a + r.nEndorsed, 0);
    expect(endorsed).toBe(
      corpus.article_frames.filter((f) => f.frame === "coup_framing" && f.stance === "endorsed").length,
    );
    const recognitionMentions = new Set(corpus.recognitions.map((r) => `${r.actor} ${r.stance} ${r.article_id}`)).size;
    expect(data.recognition.reduce((a, r) => a + r.nArticles, 0)).toBe(recognitionMentions);
    expect(data.sourceMix.reduce((a, r) => a + r.nSources, 0)).toBe(corpus.sources.length);
    expect(data.figures.every((f) => f.kind !== "" && Number.isFinite(f.number))).toBe(true);
    expect(data.runs.map((r) => r.runId)).toEqual(["run-0001", "run-0002"]);
    expect(data.runs[0]?.counts.fetched).toBe(812);
  });

  it("streams articles in id-range batches with their tags, and can stop early", async () => {
    const db = await openDatabase(dbPath, { readOnly: true });
    const seen: string[] = [];
    try {
      for await (const batch of articleBatches(db, 16)) {
        expect(batch.length).toBeLessThanOrEqual(16);
        for (const a of batch) {
          seen.push(a.articleId);
          for (const t of a.tags)
            if (t.start !== null && t.end !== null) expect(a.text.slice(t.start, t.end)).toBe(t.evidence);
        }
      }
      expect(seen).toEqual(corpus.articles.map((a) => String(a.id)).sort());
      const withTags = seen.length;
      expect(withTags).toBe(N_ARTICLES);
      // Stopping after the first batch leaves no query running under close().
      for await (const batch of articleBatches(db, 16)) {
        expect(batch).toHaveLength(16);
        break;
      }
    } finally {
      db.close();
    }
    const frames = corpus.article_frames.filter((f) => f.article_id === corpus.articles[5]?.id);
    const db2 = await openDatabase(dbPath, { readOnly: true });
    try {
      for await (const batch of articleBatches(db2, 1000)) {
        const a = batch.find((x) => x.articleId === corpus.articles[5]?.id);
        expect(a?.frames).toEqual(Object.fromEntries(frames.map((f) => [f.frame, f.stance])));
        expect(a?.tags.length).toBe(
          [corpus.frame_evidence, corpus.recognitions, corpus.sources, corpus.claims]
            .flat()
            .filter((t) => t.article_id === a?.articleId).length,
        );
      }
    } finally {
      db2.close();
    }
  });

  it("builds every page, each chart's CSV, and the article index", async () => {
    const result = await buildReport({ dbPath, outDir, codebook: loadCodebook(CODEBOOK) });
    const expectedPages = N_ARTICLES + OUTLETS.length + 8;
    expect(result).toEqual({ pages: expectedPages, outDir, index: join(outDir, "index.html") });
    const files = walk(outDir).map((f) => relative(outDir, f));
    expect(files.filter((f) => f.endsWith(".html"))).toHaveLength(expectedPages);
    for (const a of corpus.articles) expect(files).toContain(articlePath(String(a.id)));
    for (const name of [
      "index",
      "frames",
      "recognition",
      "recognition-evidence",
      "sources",
      "claims",
      "outlets",
      "articles",
    ]) {
      expect(files).toContain(`${name}.html`);
    }
    expect(files).toContain("assets/style.css");
    const index = readFileSync(join(outDir, "assets/articles-index.js"), "utf8");
    expect(index.startsWith("window.FRAMEWATCH_INDEX = ")).toBe(true);
    expect(index).not.toMatch(/<\/script/i);
    const parsed = JSON.parse(index.slice("window.FRAMEWATCH_INDEX = ".length).replace(/;\n$/, "")) as {
      rows: unknown[][];
    };
    expect(parsed.rows).toHaveLength(N_ARTICLES);
    expect(parsed.rows.map((r) => r[4])).toContain(INJECTION_TITLES[0]);
    // Every CSV a page links to exists, and every chart figure has one.
    for (const page of files.filter((f) => f.endsWith(".html") && !f.startsWith("articles/"))) {
      const html = readFileSync(join(outDir, page), "utf8");
      const figures = html.match(/<figure class="figure"/g)?.length ?? 0;
      const csvLinks = [...html.matchAll(/href="((?:\.\.\/)*data\/[^"]+\.csv)" download/g)].map((m) => m[1] as string);
      expect(csvLinks.length, page).toBe(figures);
      for (const link of csvLinks) expect(existsSync(join(outDir, page, "..", link)), `${page} → ${link}`).toBe(true);
    }
  });

  it("shows strings from the web as text, never as markup", () => {
    const pages = walk(outDir).filter((f) => f.endsWith(".html"));
    for (const page of pages) expect(readFileSync(page, "utf8"), page).not.toMatch(ACTIVE_INJECTION);
    const first = readFileSync(join(outDir, articlePath(String(corpus.articles[0]?.id))), "utf8");
    expect(first).toContain(
      "<h1>&lt;script&gt;window.__pwned = &quot;script-title&quot;&lt;/script&gt;Tally sheets under scrutiny</h1>",
    );
    const third = readFileSync(join(outDir, articlePath(String(corpus.articles[2]?.id))), "utf8");
    expect(third).toContain(`<span class="url">${INJECTION_URL.replace(/'/g, "&#39;")}</span>`);
    const outlet = readFileSync(join(outDir, "outlets/freedom-post.html"), "utf8");
    expect(outlet).toContain("&lt;b onmouseover=&quot;window.__pwned=&#39;ownership&#39;&quot;&gt;board&lt;/b&gt;");
  });

  it("is deterministic and swaps the new site into place", async () => {
    const snapshot = () =>
      Object.fromEntries(walk(outDir).map((f) => [relative(outDir, f), readFileSync(f, "utf8")] as const));
    const before = snapshot();
    writeFileSync(join(outDir, "stale.html"), "left over");
    await buildReport({ dbPath, outDir, codebook: loadCodebook(CODEBOOK) });
    expect(snapshot()).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.startsWith(".report"))).toEqual([]);
  });

  it("builds a report with empty states from a database without articles", async () => {
    const emptyDb = join(dir, "empty.duckdb");
    (await openDatabase(emptyDb)).close();
    const emptyOut = join(dir, "empty-report");
    const result = await buildReport({ dbPath: emptyDb, outDir: emptyOut, codebook: loadCodebook(CODEBOOK) });
    expect(result.pages).toBe(8);
    const frames = readFileSync(join(emptyOut, "frames.html"), "utf8");
    expect(frames.match(/<p class="empty">No tagged articles yet\.<\/p>/g)).toHaveLength(4);
    expect(readFileSync(join(emptyOut, "assets/articles-index.js"), "utf8")).toContain('"rows":[]');
  });

  it("`framewatch report` builds the site and prints the index path", async () => {
    const out2 = join(dir, "cli-report");
    const program = new Command().exitOverride();
    registerReport(program);
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync([
        "node",
        "framewatch",
        "report",
        "--db",
        dbPath,
        "--report",
        out2,
        "--codebook",
        CODEBOOK,
      ]);
    } finally {
      spy.mockRestore();
    }
    expect(writes.join("")).toContain(`${join(out2, "index.html")}\n`);
    expect(existsSync(join(out2, "index.html"))).toBe(true);
    const missing = new Command().exitOverride();
    registerReport(missing);
    await expect(
      missing.parseAsync(["node", "framewatch", "report", "--db", join(dir, "nope.duckdb"), "--report", out2]),
    ).rejects.toThrow(/no database at .*nope\.duckdb: run `framewatch load` first/);
  });
});

describe("report from hand-made report data (no database)", () => {
  const FIXTURE = join(ROOT, "test/fixtures/report/small");
  const data = JSON.parse(readFileSync(join(FIXTURE, "report-data.json"), "utf8")) as ReportData;
  const study = JSON.parse(readFileSync(join(FIXTURE, "study.json"), "utf8")) as StudyInfo;
  const articles = JSON.parse(readFileSync(join(FIXTURE, "articles.json"), "utf8")) as ArticleDetail[];
  let outDir: string;
  beforeAll(async () => {
    outDir = join(mkdtempSync(join(tmpdir(), "framewatch-report-small-")), "site");
    await buildSite({ data, study, articles: [articles.slice(0, 2), articles.slice(2)], outDir });
  });
  afterAll(() => rmSync(join(outDir, ".."), { recursive: true, force: true }));

  it("highlights every located tag with its rule and flags stale ones", () => {
    const page = readFileSync(join(outDir, articlePath("a000000000000001")), "utf8");
    expect(page.match(/<tr id="tag-\d+">/g)).toHaveLength(7);
    expect(page).toContain("1 tag(s) could not be located in the text");
    expect(page).toContain("(not located)");
    expect(page).toMatch(
      /<mark class="hl hl-claim hl-source" title="[^"]*rule fixture\.src[^"]*">Council president<\/mark>/,
    );
    expect(page).toContain('<span class="stance stance-reported">Fraud narrative: reported</span>');
  });

  it("escapes the study title, outlet names, ownership, URLs and evidence", () => {
    const all = walk(outDir)
      .filter((f) => f.endsWith(".html"))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    expect(all).not.toMatch(/<script>window|<img src=x|<b>Beta|<i>of<\/i>|href="javascript:|<winner>/);
    expect(all).toContain("Fixture study &lt;i&gt;of&lt;/i&gt; an election");
    expect(all).toContain("&lt;b&gt;Beta&lt;/b&gt; State TV");
    expect(all).toContain("Russia congratulated the &lt;winner&gt;.");
  });

  it("links recognition cells to their evidence passages", () => {
    const page = readFileSync(join(outDir, "recognition.html"), "utf8");
    const evidence = readFileSync(join(outDir, "recognition-evidence.html"), "utf8");
    const anchors = [...page.matchAll(/href="recognition-evidence\.html#([^"]+)"/g)].map((m) => m[1]);
    expect(anchors).toHaveLength(data.recognition.length);
    for (const a of anchors) expect(evidence).toContain(`id="${a}"`);
    expect(evidence).toContain("Argentina asked for an audit.");
  });
});

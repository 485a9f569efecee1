import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { workspace } from "../core/workspace.ts";
import { loadRegistry } from "../crawlers/registry/index.ts";
import { DatabaseLockedError, openDatabase, runLoad } from "../pipeline/load/index.ts";
import { FIXTURE_CODEBOOK } from "./fixtures/load/codebook.ts";
import { exited, holdLock } from "./fixtures/load/lock.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/load/small/", import.meta.url));
const EXPECTED = join(FIXTURE, "expected");
const CODEBOOK = FIXTURE_CODEBOOK;
const REGISTRY = loadRegistry(join(FIXTURE, "registry.yaml"));
const VIEWS = [
  "v_articles",
  "v_frames",
  "frame_share_by_outlet",
  "frame_share_by_group",
  "frame_share_by_week",
  "recognition_matrix",
  "recognition_evidence",
  "source_mix_by_outlet",
  "top_sources",
  "reported_figures",
  "coverage_daily",
  "crawl_failures",
  "article_edits",
];

const scratch = mkdtempSync(join(tmpdir(), "framewatch-load-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fresh copy of the fixture workspace (the tests append to its ledgers). */
function fixtureWorkspace(name: string) {
  const dir = join(scratch, name);
  cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.includes("expected") });
  return workspace({ workdir: dir });
}

async function rows(dbPath: string, sql: string): Promise<Record<string, unknown>[]> {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    return await db.query(sql);
  } finally {
    db.close();
  }
}

/** Rows in a stable order (views need not sort) with floats rounded, for golden comparison. */
function normalise(list: Record<string, unknown>[]): Record<string, unknown>[] {
  const rounded = list.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        typeof v === "number" && !Number.isInteger(v) ? Number(v.toFixed(6)) : v,
      ]),
    ),
  );
  return rounded.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function golden(name: string, actual: unknown): void {
  const file = join(EXPECTED, `${name}.json`);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (!existsSync(file)) {
    if (process.env.CI === "true") throw new Error(`missing golden file ${file}`);
    mkdirSync(EXPECTED, { recursive: true });
    writeFileSync(file, text);
  }
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, "utf8")));
}

describe("runLoad", () => {
  it("loads every ledger, reports bad lines with file:line and leaves a torn last line for later", async () => {
    const ws = fixtureWorkspace("first");
    const summary = await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    expect(summary.tables).toMatchObject({
      outlets: { inserted: 3, present: 0 },
      codebook_frames: { inserted: CODEBOOK.codebook.frames.length, present: 0 },
      crawl_runs: { inserted: 1, present: 0 },
      captures: { inserted: 9, present: 0 },
      extract_skips: { inserted: 1, present: 0 },
      article_versions: { inserted: 6, present: 0 },
      articles: { inserted: 5, present: 0 },
      tagged_versions: { inserted: 5, present: 0 },
      article_frames: { inserted: 6, present: 0 },
      recognitions: { inserted: 3, present: 0 },
      sources: { inserted: 4, present: 0 },
      claims: { inserted: 3, present: 0 },
    });
    expect(summary.rejects.map((r) => r.location)).toEqual([`${ws.tagsLedger}:6`, `${ws.tagsLedger}:7`]);
    expect(summary.rejects[0]?.error).toMatch(/not valid JSON/);
    expect(summary.rejects[1]?.error).toMatch(/^id:/);
    expect(summary.ledgers.tags).toEqual({ fromLine: 0, toLine: 7, lines: 7 });
    expect(await rows(ws.dbPath, "SELECT ledger, line FROM load_rejects ORDER BY line")).toEqual([
      { ledger: "tags", line: 6 },
      { ledger: "tags", line: 7 },
    ]);
    // The last line per run id wins.
    expect(await rows(ws.dbPath, "SELECT run_id, status, counts FROM crawl_runs")).toEqual([
      { run_id: "run-1", status: "ok", counts: { fetched: 11, errors: 2 } },
    ]);
    // One row per article: the edited wire story shows its latest version.
    const edited = await rows(
      ws.dbPath,
      "SELECT title, n_versions FROM articles WHERE url LIKE '%wire-one.example/protests'",
    );
    expect(edited).toEqual([{ title: "Protests in Caracas (updated)", n_versions: 2 }]);
    for (const view of VIEWS) golden(view, normalise(await rows(ws.dbPath, `SELECT * FROM ${view}`)));
  });

  it("is idempotent: a rerun over the same ledgers adds nothing", async () => {
    const ws = fixtureWorkspace("rerun");
    await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    const before = await tableCounts(ws.dbPath);
    const again = await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    const inserted = Object.entries(again.tables).filter(([, c]) => c.inserted > 0);
    expect(inserted).toEqual([]);
    expect(again.rejects).toEqual([]);
    expect(await tableCounts(ws.dbPath)).toEqual(before);
  });

  it("reloads nothing twice when the load state is lost (anti-joins on keys)", async () => {
    const ws = fixtureWorkspace("lost-state");
    await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    const before = await tableCounts(ws.dbPath);
    const db = await openDatabase(ws.dbPath);
    await db.run("DELETE FROM load_state");
    db.close();
    const again = await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    expect(again.tables.article_versions).toEqual({ inserted: 0, present: 6 });
    expect(again.tables.claims).toEqual({ inserted: 0, present: 3 });
    expect(await tableCounts(ws.dbPath)).toEqual(before);
  });

  it("loads only what was appended since, including a line completed after being torn", async () => {
    const ws = fixtureWorkspace("grow");
    await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    const text = "Venezuela's CNE and Maduro: the opposition says the election was stolen.";
    const article = articleLine("wire-one", "later", text, "2024-08-05T10:00:00Z");
    appendFileSync(ws.articlesLedger, `${JSON.stringify(article)}\n`);
    // Complete the torn tag line with a tag of the new version, then add nothing else.
    const tag = { id: article.versionId, language: "en", frames: { fraud_narrative: "reported" }, codebook: "cb" };
    const torn = readFileSync(ws.tagsLedger, "utf8");
    writeFileSync(ws.tagsLedger, `${torn.slice(0, torn.lastIndexOf("\n") + 1)}${JSON.stringify(tag)}\n`);
    const summary = await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    expect(summary.tables.article_versions).toEqual({ inserted: 1, present: 0 });
    expect(summary.tables.articles).toEqual({ inserted: 1, present: 0 });
    expect(summary.tables.article_frames).toEqual({ inserted: 1, present: 0 });
    expect(summary.ledgers.tags).toEqual({ fromLine: 7, toLine: 8, lines: 1 });
    expect(summary.rejects).toEqual([]);
    const frames = await rows(
      ws.dbPath,
      "SELECT frame, stance FROM v_frames WHERE outlet_id = 'wire-one' ORDER BY frame",
    );
    expect(frames).toEqual([
      { frame: "fraud_narrative", stance: "reported" },
      { frame: "repression_framing", stance: "reported" },
    ]);
  });

  it("rereads a ledger that was replaced, without duplicating rows", async () => {
    const ws = fixtureWorkspace("replaced");
    await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    const lines = readFileSync(ws.capturesLedger, "utf8").split("\n").filter(Boolean);
    writeFileSync(ws.capturesLedger, `${lines.slice(0, 3).join("\n")}\n`);
    const summary = await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    expect(summary.ledgers.captures).toEqual({ fromLine: 0, toLine: 3, lines: 3 });
    expect(summary.tables.captures).toEqual({ inserted: 0, present: 3 });
    expect(await rows(ws.dbPath, "SELECT count(*) AS n FROM captures")).toEqual([{ n: 9 }]);
  });

  it("gives tags loaded before their article version the article id once the version arrives", async () => {
    const ws = fixtureWorkspace("out-of-order");
    const articles = readFileSync(ws.articlesLedger, "utf8");
    writeFileSync(ws.articlesLedger, "");
    await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    expect(await rows(ws.dbPath, "SELECT count(*) AS n FROM article_frames WHERE article_id IS NULL")).toEqual([
      { n: 6 },
    ]);
    writeFileSync(ws.articlesLedger, articles);
    await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    expect(await rows(ws.dbPath, "SELECT count(*) AS n FROM article_frames WHERE article_id IS NULL")).toEqual([
      { n: 0 },
    ]);
    expect(await rows(ws.dbPath, "SELECT count(*) AS n FROM v_frames")).toEqual([{ n: 5 }]);
  });

  it("commits one batch per transaction and gives the same tables whatever the batch size", async () => {
    const small = fixtureWorkspace("batches");
    const summary = await runLoad(small, { registry: REGISTRY, codebook: CODEBOOK, batchLines: 2 });
    // 1 reference transaction + ceil(lines / 2) per ledger: runs 1, captures 5, skips 1, articles 3, tags 4.
    expect(summary.transactions).toBe(1 + 1 + 5 + 1 + 3 + 4);
    const whole = fixtureWorkspace("whole");
    await runLoad(whole, { registry: REGISTRY, codebook: CODEBOOK });
    expect(await tableCounts(small.dbPath)).toEqual(await tableCounts(whole.dbPath));
    for (const view of ["frame_share_by_outlet", "recognition_matrix", "reported_figures"]) {
      const a = normalise(await rows(small.dbPath, `SELECT * FROM ${view}`));
      expect(a).toEqual(normalise(await rows(whole.dbPath, `SELECT * FROM ${view}`)));
    }
  });

  it("keeps view totals consistent with the tables", async () => {
    const ws = fixtureWorkspace("consistency");
    await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK });
    const [check] = await rows(
      ws.dbPath,
      `SELECT
        (SELECT count(*) FROM articles) = (SELECT count(DISTINCT article_id) FROM article_versions) AS one_row_per_article,
        (SELECT sum(n_present) FROM frame_share_by_outlet) = (SELECT count(*) FROM v_frames) AS shares_match_frames,
        (SELECT sum(n_articles) FROM frame_share_by_group WHERE group_by = 'kind' AND frame = 'coup_framing')
          = (SELECT count(*) FROM v_articles WHERE tagged) AS groups_cover_all,
        (SELECT sum(n_articles) FROM coverage_daily) = (SELECT count(*) FROM v_articles) AS coverage_complete,
        (SELECT count(*) FROM reported_figures) = (SELECT sum(len(numbers)) FROM claims c JOIN articles a
          ON a.latest_version_id = c.version_id) AS figures_latest_only`,
    );
    expect(check).toEqual({
      one_row_per_article: true,
      shares_match_frames: true,
      groups_cover_all: true,
      coverage_complete: true,
      figures_latest_only: true,
    });
  });
});

const COUNTED_TABLES = [
  "outlets",
  "crawl_runs",
  "captures",
  "extract_skips",
  "article_versions",
  "articles",
  "tagged_versions",
  "article_frames",
  "frame_evidence",
  "recognitions",
  "sources",
  "claims",
];

async function tableCounts(dbPath: string): Promise<Record<string, unknown>[]> {
  // Table names are this test's constants.
  return rows(
    dbPath,
    `${COUNTED_TABLES.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM ${t}`).join(" UNION ALL ")} ORDER BY t`,
  );
}

function articleLine(outletId: string, slug: string, text: string, fetchedAt: string) {
  const url = `https://${outletId}.example/${slug}`;
  return {
    id: `${outletId}-${slug}`,
    versionId: `${outletId}-${slug}-v1`,
    captureId: `${outletId}-${slug}-c1`,
    outletId,
    url,
    fetchedUrl: url,
    fetchedAt,
    title: slug,
    authors: [],
    publishedAt: fetchedAt,
    modifiedAt: null,
    language: "en",
    text,
    textSha256: "0".repeat(64),
    siteName: null,
    section: null,
    leadImage: null,
    topicMatches: ["Venezuela", "Maduro"],
    duplicateOf: null,
    provenance: {},
  };
}

describe("runLoad beside other processes", () => {
  it("waits while an analyst's session holds the file, and a load that gives up loses nothing", async () => {
    const ws = fixtureWorkspace("beside-analyst");
    (await openDatabase(ws.dbPath)).close();
    const analyst = await holdLock(ws.dbPath, 4000, "ro");
    await expect(runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK, waitMs: 200 })).rejects.toBeInstanceOf(
      DatabaseLockedError,
    );
    const summary = await runLoad(ws, { registry: REGISTRY, codebook: CODEBOOK, waitMs: 60_000 });
    await exited(analyst);
    expect(summary.tables.article_versions).toEqual({ inserted: 6, present: 0 });
    expect(summary.tables.claims).toEqual({ inserted: 3, present: 0 });
  });

  it("runs as `framewatch load` and prints what it added", () => {
    const ws = fixtureWorkspace("cli");
    const cli = fileURLToPath(new URL("./fixtures/load/scripts/cli.ts", import.meta.url));
    const args = ["--import", "tsx", cli, "load", "--workdir", ws.root, "--registry", join(ws.root, "registry.yaml")];
    const first = spawnSync(process.execPath, args, { encoding: "utf8" });
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("article_versions +6, articles +5, tagged_versions +5");
    expect(first.stderr).toContain(`skipped ${ws.tagsLedger}:6: not valid JSON`);
    const second = spawnSync(process.execPath, args, { encoding: "utf8" });
    expect(second.status).toBe(0);
    expect(second.stdout).not.toContain("article_versions");
  });
});

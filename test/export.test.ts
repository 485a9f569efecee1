import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspace } from "../core/workspace.ts";
import { loadRegistry } from "../crawlers/registry/index.ts";
import { openDatabase } from "../pipeline/load/db.ts";
import { DATASETS, EXPORTED_VIEWS, runExport } from "../pipeline/load/export.ts";
import { loadFromParquet } from "../pipeline/load/from-parquet.ts";
import { runLoad } from "../pipeline/load/index.ts";
import { FIXTURE_CODEBOOK } from "./fixtures/load/codebook.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/load/small/", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "framewatch-export-"));
const ws = workspace({ workdir: join(scratch, "ws") });

beforeAll(async () => {
  cpSync(FIXTURE, ws.root, { recursive: true, filter: (src) => !src.includes("expected") });
  await runLoad(ws, { registry: loadRegistry(join(ws.root, "registry.yaml")), codebook: FIXTURE_CODEBOOK });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Queries files with a scratch in-memory DuckDB, as another engine would (no access to the database file). */
async function readBack(sql: string): Promise<Record<string, unknown>[]> {
  const db = await openDatabase(":memory:", { migrate: false });
  try {
    return await db.query(sql);
  } finally {
    db.close();
  }
}

describe("runExport", () => {
  it("writes Hive-partitioned Parquet that round-trips every table and view", async () => {
    const out = join(scratch, "parquet");
    const manifest = await runExport(ws.dbPath, { format: "parquet", out });
    expect(Object.keys(manifest.datasets).sort()).toEqual(
      [...DATASETS.map((d) => d.name), ...EXPORTED_VIEWS.map((v) => `views/${v}`)].sort(),
    );
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"))).toEqual(manifest);
    expect(readdirSync(join(out, "articles")).sort()).toEqual([
      "outlet_id=canal-estado",
      "outlet_id=dagblad",
      "outlet_id=wire-one",
    ]);
    expect(readdirSync(join(out, "articles", "outlet_id=canal-estado")).sort()).toEqual([
      "month=2024-07",
      "month=2025-01",
    ]);
    const db = await openDatabase(ws.dbPath, { readOnly: true });
    for (const [name, dataset] of Object.entries(manifest.datasets)) {
      const source = name.startsWith("views/") ? name.slice(6) : name;
      const [expected] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${source}`);
      expect(dataset.rows, name).toBe(expected?.n);
    }
    db.close();
    const articles = await readBack(
      `SELECT outlet_id, month, title FROM read_parquet('${out}/articles/**/*.parquet', hive_partitioning = true)
       ORDER BY outlet_id, month, title`,
    );
    expect(articles).toEqual([
      { outlet_id: "canal-estado", month: "2024-07", title: "Plan against Venezuela exposed" },
      { outlet_id: "canal-estado", month: "2025-01", title: "Maduro sworn in" },
      { outlet_id: "dagblad", month: "2024-07", title: "Doubts about the result in Venezuela" },
      { outlet_id: "dagblad", month: "2024-08", title: "Protests in Caracas" },
      { outlet_id: "wire-one", month: "2024-08", title: "Protests in Caracas (updated)" },
    ]);
    const figures = await readBack(
      `SELECT outlet_id, kind, number FROM '${out}/views/reported_figures.parquet' ORDER BY number`,
    );
    expect(figures).toEqual([
      { outlet_id: "canal-estado", kind: "arrests", number: 12 },
      { outlet_id: "dagblad", kind: "result_cne", number: 51.2 },
      { outlet_id: "wire-one", kind: "arrests", number: 2000 },
    ]);
    const claims = await readBack(
      `SELECT count(*) AS n, list_sort(list(DISTINCT outlet_id)) AS outlets
       FROM read_parquet('${out}/claims/**/*.parquet', hive_partitioning = true)`,
    );
    expect(claims).toEqual([{ n: 3, outlets: ["canal-estado", "dagblad", "wire-one"] }]);
  });

  it("keeps only articles published since a day, with their versions and tags", async () => {
    const out = join(scratch, "since");
    const manifest = await runExport(ws.dbPath, { format: "parquet", out, since: "2024-08-01" });
    expect(manifest.since).toBe("2024-08-01");
    expect(manifest.datasets.articles?.rows).toBe(3);
    // The edited wire story has two versions published that day.
    expect(manifest.datasets.article_versions?.rows).toBe(4);
    expect(manifest.datasets.claims?.rows).toBe(1);
    // Views are exported whole.
    expect(manifest.datasets["views/v_articles"]?.rows).toBe(5);
    await expect(runExport(ws.dbPath, { format: "parquet", out, since: "1 Aug" })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it("writes CSV and JSON lines too", async () => {
    const csv = await runExport(ws.dbPath, { format: "csv", out: join(scratch, "csv") });
    expect(readFileSync(join(scratch, "csv", csv.datasets.outlets?.path as string), "utf8").split("\n")[0]).toBe(
      "outlet_id,name,homepage,country,languages,kind,ownership,browser",
    );
    const jsonl = await runExport(ws.dbPath, { format: "jsonl", out: join(scratch, "jsonl") });
    const lines = readFileSync(
      join(scratch, "jsonl", jsonl.datasets["views/recognition_matrix"]?.path as string),
      "utf8",
    )
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { actor: string });
    expect(lines.map((l) => l.actor).sort()).toEqual(["BR", "OAS", "US"]);
    const back = await readBack(
      `SELECT count(*) AS n FROM read_json('${join(scratch, "jsonl")}/articles/**/*.jsonl', hive_partitioning = true)`,
    );
    expect(back).toEqual([{ n: 5 }]);
  });

  it("replaces a previous export in one swap and refuses to overwrite a folder that is not an export", async () => {
    const out = join(scratch, "again");
    await runExport(ws.dbPath, { format: "parquet", out });
    writeFileSync(join(out, "stale.txt"), "from the previous export");
    await runExport(ws.dbPath, { format: "parquet", out });
    expect(existsSync(join(out, "stale.txt"))).toBe(false);
    expect(readdirSync(dirname(out)).filter((f) => f.includes(".tmp-") || f.includes(".old-"))).toEqual([]);
    const foreign = join(scratch, "not-an-export");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "thesis.docx"), "precious");
    await expect(runExport(ws.dbPath, { format: "parquet", out: foreign })).rejects.toThrow(/not a framewatch export/);
    expect(readFileSync(join(foreign, "thesis.docx"), "utf8")).toBe("precious");
  });

  it("loads exports back with load --from-parquet: same tables and views, overlapping exports merged", async () => {
    const out = join(scratch, "shard");
    await runExport(ws.dbPath, { format: "parquet", out });
    const union = join(scratch, "union.duckdb");
    const registry = loadRegistry(join(ws.root, "registry.yaml"));
    const first = await loadFromParquet(union, [out], { registry, codebook: FIXTURE_CODEBOOK });
    expect(first.tables.article_versions).toEqual({ inserted: 6, present: 0 });
    expect(first.tables.claims).toEqual({ inserted: 3, present: 0 });
    // The same export twice (two shards that saw the same pages) and a rerun add nothing.
    const again = await loadFromParquet(union, [out, out], { registry, codebook: FIXTURE_CODEBOOK });
    expect(Object.entries(again.tables).filter(([, c]) => c.inserted > 0)).toEqual([]);
    const original = await openDatabase(ws.dbPath, { readOnly: true });
    const merged = await openDatabase(union, { readOnly: true });
    try {
      for (const relation of [
        "articles",
        "article_versions",
        "captures",
        "extract_skips",
        "crawl_runs",
        ...EXPORTED_VIEWS,
      ]) {
        const sql = `SELECT * FROM ${relation} ORDER BY ALL`;
        expect(await merged.query(sql), relation).toEqual(await original.query(sql));
      }
    } finally {
      original.close();
      merged.close();
    }
  });
});

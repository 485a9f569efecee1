import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCodebook } from "../pipeline/codebook/index.ts";
import { buildReport } from "../pipeline/report/index.ts";
import { buildCorpus } from "../test/fixtures/report/corpus.ts";
import { createFixtureDatabase } from "../test/fixtures/report/database.ts";
import type { BenchRow, BenchSuite } from "./types.ts";

/**
 * Report build time: the demo-sized report (70 articles, 10 outlets; target < 10 s) and a synthetic 100,000-article
 * report over 50 outlets (target < 2 min; `--quick` builds 10,000). The databases are made by the test fixture's
 * seeded corpus generator through the load stage's schema; only `buildReport` is timed.
 */

const CODEBOOK = fileURLToPath(new URL("../data/codebooks/venezuela-2024.yaml", import.meta.url));

function siteSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

async function measure(
  label: string,
  articles: number,
  outlets: number,
  targetSeconds: number,
  scratchDir: string,
): Promise<BenchRow[]> {
  const dbPath = join(scratchDir, `${label}.duckdb`);
  const setupStart = performance.now();
  await createFixtureDatabase(dbPath, buildCorpus({ articles, outlets, injections: false }), scratchDir);
  const setupSeconds = (performance.now() - setupStart) / 1000;
  const outDir = join(scratchDir, `${label}-report`);
  const start = performance.now();
  const result = await buildReport({ dbPath, outDir, codebook: loadCodebook(CODEBOOK) });
  const seconds = (performance.now() - start) / 1000;
  const size = siteSize(outDir);
  const memory = process.memoryUsage().rss / 2 ** 20;
  return [
    {
      suite: "report",
      measure: `build ${articles.toLocaleString("en-GB")} articles, ${outlets} outlets`,
      value: seconds,
      unit: "s",
      target: `< ${targetSeconds} s`,
      met: seconds < targetSeconds,
      note: `${result.pages} pages, ${size.files} files, ${(size.bytes / 2 ** 20).toFixed(1)} MiB; ${Math.round(articles / seconds)} articles/s; RSS ${memory.toFixed(0)} MiB; database setup ${setupSeconds.toFixed(1)} s (not timed)`,
    },
  ];
}

export const suite: BenchSuite = async ({ quick, scratchDir }) => [
  ...(await measure("demo", 70, 10, 10, scratchDir)),
  ...(await measure("large", quick ? 10_000 : 100_000, 50, 120, scratchDir)),
];

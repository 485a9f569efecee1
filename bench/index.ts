/**
 * `npm run bench [-- SUITE… --quick]`: runs the benchmark suites (every bench/<suite>.ts exporting `suite`), prints
 * one table of figures with targets and writes bench/out/results.json. Benchmarks measure; tests assert behaviour.
 */
process.env.DOTENV_CONFIG_QUIET ??= "true";

import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchRow, BenchSuite } from "./types.ts";

const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
const NOT_SUITES = new Set(["index.ts", "types.ts", "generate.ts"]);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const wanted = args.filter((a) => !a.startsWith("--"));
  const available = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(".ts") && !NOT_SUITES.has(f))
    .map((f) => f.slice(0, -3))
    .sort();
  const unknown = wanted.filter((w) => !available.includes(w));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench suite(s): ${unknown.join(", ")}; available: ${available.join(", ")}\n`);
    process.exitCode = 2;
    return;
  }
  const suites = wanted.length > 0 ? wanted : available;
  const rows: BenchRow[] = [];
  for (const name of suites) {
    const module = (await import(join(BENCH_DIR, `${name}.ts`))) as { suite?: BenchSuite };
    if (!module.suite) continue;
    const scratchDir = mkdtempSync(join(tmpdir(), `framewatch-bench-${name}-`));
    process.stderr.write(`bench ${name}…\n`);
    try {
      const suiteRows = await module.suite({ quick, scratchDir });
      rows.push(...suiteRows);
      for (const row of suiteRows) process.stderr.write(`  ${formatRow(row)}\n`);
    } finally {
      rmSync(scratchDir, { recursive: true, force: true });
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), Node ${process.version}`;
  process.stdout.write(`\nmachine: ${machine}\n\n${table(rows)}\n`);
  const outDir = join(BENCH_DIR, "out");
  mkdirSync(outDir, { recursive: true });
  // results.json holds this run; latest-<suite>.json keeps each suite's latest figures across partial runs.
  const date = new Date().toISOString();
  writeJson(join(outDir, "results.json"), { date, machine, quick, rows });
  for (const name of suites) {
    const suiteRows = rows.filter((r) => r.suite === name);
    if (suiteRows.length > 0) writeJson(join(outDir, `latest-${name}.json`), { date, machine, quick, rows: suiteRows });
  }
}

function writeJson(path: string, value: unknown): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, path);
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function formatRow(row: BenchRow): string {
  const met = row.met === undefined ? "" : row.met ? " ✓" : " ✗";
  return `${row.suite} · ${row.measure}: ${formatValue(row.value)} ${row.unit}${row.target ? ` (target ${row.target}${met})` : ""}${row.note ? ` — ${row.note}` : ""}`;
}

function table(rows: BenchRow[]): string {
  const header = "| suite | measure | value | unit | target | met | note |\n|---|---|---|---|---|---|---|";
  const lines = rows.map(
    (r) =>
      `| ${r.suite} | ${r.measure} | ${formatValue(r.value)} | ${r.unit} | ${r.target ?? ""} | ${r.met === undefined ? "" : r.met ? "yes" : "no"} | ${r.note ?? ""} |`,
  );
  return [header, ...lines].join("\n");
}

await main();

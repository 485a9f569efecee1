/**
 * Scale benchmark: generated corpora of 1k, 10k and 100k pages (`--quick`: 1k and 10k) through the real ingest path,
 * WARC → ingest → extract → tag → load → report, each stage run as its own `framewatch` child process (as a
 * researcher or a batch scheduler runs them), so every stage's wall time, CPU time and peak RSS are measured exactly
 * (the child reports `process.resourceUsage()` on exit). Then the same WARCs go through ingest → load once more: an
 * idempotent rerun must add nothing and cost a fraction of the first run. Prints rows (bench/index.ts) and writes the
 * full measurements to bench/out/scale.json. FRAMEWATCH_BENCH_SCALE_SIZES=2000,20000 overrides the sizes.
 */
import { spawn } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus } from "./generate.ts";
import type { BenchRow, BenchSuite } from "./types.ts";

const SUITE = "scale";
const REPO = fileURLToPath(new URL("../", import.meta.url));
const BIN = join(REPO, "bin/framewatch.mjs");
const OUT_FILE = join(REPO, "bench/out/scale.json");
export const FULL_SIZES = [1_000, 10_000, 100_000];
export const QUICK_SIZES = [1_000, 10_000];
export const STAGES = ["ingest", "extract", "tag", "load", "report"] as const;
export type Stage = (typeof STAGES)[number];
/** Stages that should keep every core busy. */
const CPU_BOUND: ReadonlySet<Stage> = new Set(["extract", "tag"]);

/** Targets on the 2-core reference machine. */
export const TARGETS = {
  endToEnd100kSeconds: 20 * 60,
  peakRssMb: 2048,
  growth10kTo100k: 11,
  rerunShare: 0.1,
  coresBusy: 1.8,
};
/** A stage that runs longer than this is killed (and reported as failed). */
const STAGE_TIMEOUT_MS = 60 * 60 * 1000;

/** Preloaded into each child: writes its resource usage (peak RSS, CPU time) to $FW_BENCH_USAGE on exit. */
const MEASURE_IMPORT = `data:text/javascript,${encodeURIComponent(
  `import { writeFileSync } from "node:fs";
   process.on("exit", () => { if (process.env.FW_BENCH_USAGE) writeFileSync(process.env.FW_BENCH_USAGE, JSON.stringify(process.resourceUsage())); });`,
)}`;

export interface StageRun {
  stage: Stage;
  ok: boolean;
  exitCode: number | null;
  seconds: number;
  /** Peak resident set size of the process (all its threads), MiB. */
  peakRssMb: number;
  cpuSeconds: number;
  /** CPU time / wall time: ≈ 2 when both cores work. */
  cores: number;
  /** Last lines of the child's output (for failures). */
  tail: string;
}

export interface SizeResult {
  pages: number;
  generateSeconds: number;
  corpusMb: number;
  warcFiles: number;
  stages: StageRun[];
  endToEndSeconds: number;
  peakRssMb: number;
  rerun: StageRun[];
  rerunSeconds: number;
  /** Ledger lines after the first run and after the rerun (equal when the rerun is idempotent). */
  ledgers: Record<string, number>;
  ledgersAfterRerun: Record<string, number>;
  /** What the generator expects a perfect extractor to make of the pages, and the extract skips actually found. */
  expected: Record<string, number>;
  extractSkips: Record<string, number>;
}

async function countLines(path: string): Promise<number> {
  if (!existsSync(path)) return 0;
  let lines = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
  }
  return lines;
}

async function ledgerCounts(workdir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of ["captures", "articles", "extract-skips", "tags"]) {
    out[name] = await countLines(join(workdir, `${name}.jsonl`));
  }
  return out;
}

function skipReasons(workdir: string): Record<string, number> {
  const path = join(workdir, "extract-skips.jsonl");
  const out: Record<string, number> = {};
  if (!existsSync(path)) return out;
  // Skips are small records (no text): reading them whole is fine even at 100k pages.
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const reason = /"reason":"([a-z_]+)"/.exec(line)?.[1];
    if (reason) out[reason] = (out[reason] ?? 0) + 1;
  }
  return out;
}

/** Runs `framewatch <args>` in a child process and measures it. */
export async function runCli(stage: Stage, args: string[], logDir: string, label: string): Promise<StageRun> {
  mkdirSync(logDir, { recursive: true });
  const usageFile = join(logDir, `${label}.usage.json`);
  const logFile = join(logDir, `${label}.log`);
  const log = openSync(logFile, "w");
  const started = performance.now();
  const exitCode = await new Promise<number | null>((resolve) => {
    // The same heap cap as bin/framewatch.mjs's shebang: without it V8 lets garbage pile up to GBs before collecting.
    const child = spawn(process.execPath, ["--max-old-space-size=1024", "--import", MEASURE_IMPORT, BIN, ...args], {
      cwd: REPO,
      env: { ...process.env, FW_BENCH_USAGE: usageFile, DOTENV_CONFIG_QUIET: "true" },
      stdio: ["ignore", log, log],
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), STAGE_TIMEOUT_MS);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.on("error", () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  const seconds = (performance.now() - started) / 1000;
  let peakRssMb = 0;
  let cpuSeconds = 0;
  if (existsSync(usageFile)) {
    const usage = JSON.parse(readFileSync(usageFile, "utf8")) as NodeJS.ResourceUsage;
    peakRssMb = usage.maxRSS / 1024;
    cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  }
  const tail = readFileSync(logFile, "utf8").trim().split("\n").slice(-3).join(" / ").slice(0, 400);
  return { stage, ok: exitCode === 0, exitCode, seconds, peakRssMb, cpuSeconds, cores: cpuSeconds / seconds, tail };
}

function stageArgs(stage: Stage, files: string[], workdir: string, registry: string): string[] {
  const common = ["--workdir", workdir, "--registry", registry];
  return stage === "ingest" ? ["ingest", "--no-process", "--warc", ...files, ...common] : [stage, ...common];
}

/** Generates a corpus of `pages` pages and runs every stage over it, then the rerun. */
export async function measureSize(pages: number, scratchDir: string, log: (line: string) => void): Promise<SizeResult> {
  const dir = join(scratchDir, `n${pages}`);
  const corpus = await generateCorpus({ articles: pages, outDir: join(dir, "corpus") });
  log(
    `${pages}: generated ${corpus.records} records (${(corpus.bytes / 2 ** 20).toFixed(0)} MiB) in ${corpus.seconds.toFixed(1)} s`,
  );
  const workdir = join(dir, "ws");
  const logDir = join(dir, "logs");
  const stages: StageRun[] = [];
  for (const stage of STAGES) {
    const run = await runCli(stage, stageArgs(stage, corpus.files, workdir, corpus.registryPath), logDir, stage);
    stages.push(run);
    log(`${pages}: ${describeRun(run, pages)}`);
    if (!run.ok) break;
  }
  const ledgers = await ledgerCounts(workdir);
  const rerun: StageRun[] = [];
  if (stages.every((s) => s.ok) && stages.length === STAGES.length) {
    for (const stage of STAGES.filter((s) => s !== "report")) {
      const run = await runCli(
        stage,
        stageArgs(stage, corpus.files, workdir, corpus.registryPath),
        logDir,
        `rerun-${stage}`,
      );
      rerun.push(run);
      log(`${pages}: rerun ${describeRun(run, pages)}`);
      if (!run.ok) break;
    }
  }
  return {
    pages,
    generateSeconds: corpus.seconds,
    corpusMb: corpus.bytes / 2 ** 20,
    warcFiles: corpus.files.length,
    stages,
    endToEndSeconds: stages.reduce((s, r) => s + r.seconds, 0),
    peakRssMb: Math.max(0, ...stages.map((r) => r.peakRssMb)),
    rerun,
    rerunSeconds: rerun.reduce((s, r) => s + r.seconds, 0),
    ledgers,
    ledgersAfterRerun: await ledgerCounts(workdir),
    expected: corpus.expected,
    extractSkips: skipReasons(workdir),
  };
}

function describeRun(run: StageRun, pages: number): string {
  return `${run.stage} ${run.ok ? "ok" : `FAILED (exit ${run.exitCode}): ${run.tail}`} ${run.seconds.toFixed(1)} s, ${(pages / run.seconds).toFixed(0)} pages/s, peak RSS ${run.peakRssMb.toFixed(0)} MiB, ${run.cores.toFixed(2)} cores`;
}

function label(pages: number): string {
  return pages >= 1000 && pages % 1000 === 0 ? `${pages / 1000}k` : String(pages);
}

/** Turns measurements into table rows with targets. */
export function rowsOf(results: SizeResult[]): BenchRow[] {
  const rows: BenchRow[] = [];
  const row = (measure: string, value: number, unit: string, target?: string, met?: boolean, note?: string): void => {
    rows.push({ suite: SUITE, measure, value: Number(value.toPrecision(4)), unit, target, met, note });
  };
  for (const r of results) {
    const n = label(r.pages);
    row(
      `generate ${n}`,
      r.generateSeconds,
      "s",
      undefined,
      undefined,
      `${r.corpusMb.toFixed(0)} MiB in ${r.warcFiles} WARC files`,
    );
    for (const s of r.stages) {
      row(
        `${s.stage} ${n}`,
        s.seconds,
        "s",
        undefined,
        s.ok ? undefined : false,
        `${(r.pages / s.seconds).toFixed(0)} pages/s, CPU ${s.cpuSeconds.toFixed(1)} s, peak RSS ${s.peakRssMb.toFixed(0)} MiB, ${s.cores.toFixed(2)} cores busy${s.ok ? "" : `; FAILED: ${s.tail}`}`,
      );
    }
    const complete = r.stages.length === STAGES.length && r.stages.every((s) => s.ok);
    const is100k = r.pages === 100_000;
    row(
      `end to end ${n}`,
      r.endToEndSeconds,
      "s",
      is100k ? `≤ ${TARGETS.endToEnd100kSeconds} s` : undefined,
      is100k ? complete && r.endToEndSeconds <= TARGETS.endToEnd100kSeconds : complete ? undefined : false,
      `${(r.pages / r.endToEndSeconds).toFixed(0)} pages/s; ledgers ${JSON.stringify(r.ledgers)}`,
    );
    row(
      `peak RSS ${n}`,
      r.peakRssMb,
      "MiB",
      `≤ ${TARGETS.peakRssMb} MiB`,
      r.peakRssMb <= TARGETS.peakRssMb,
      "max over the stage processes",
    );
    if (r.rerun.length > 0) {
      const added = Object.keys(r.ledgers).filter((k) => r.ledgersAfterRerun[k] !== r.ledgers[k]);
      const failed = r.rerun.filter((s) => !s.ok);
      const complete = failed.length === 0 && r.rerun.length === STAGES.length - 1;
      const share = r.rerunSeconds / r.endToEndSeconds;
      const parts = [
        `${(share * 100).toFixed(1)} % of the first run`,
        added.length === 0
          ? "no ledger grew"
          : `ledgers grew: ${added.map((k) => `${k} ${r.ledgers[k]}→${r.ledgersAfterRerun[k]}`).join(", ")}`,
        ...r.rerun.map((s) => `${s.stage} ${s.seconds.toFixed(1)} s`),
        ...failed.map((s) => `rerun ${s.stage} FAILED: ${s.tail}`),
      ];
      row(
        `rerun ingest→load ${n}`,
        r.rerunSeconds,
        "s",
        `< ${TARGETS.rerunShare * 100} % of first run, adds nothing`,
        complete && share < TARGETS.rerunShare && added.length === 0,
        parts.join("; "),
      );
    }
    const articles = (r.expected.article ?? 0) + (r.expected.duplicate ?? 0);
    if (complete) {
      row(
        `extract agreement ${n}`,
        (r.ledgers.articles ?? 0) / Math.max(1, articles),
        "ratio",
        undefined,
        undefined,
        `${r.ledgers.articles} article versions vs ${articles} the generator expects; skips ${JSON.stringify(r.extractSkips)} vs expected ${JSON.stringify(r.expected)}`,
      );
    }
  }
  // Growth from the second-largest to the largest size (10k → 100k in a full run).
  const sorted = [...results].sort((a, b) => a.pages - b.pages);
  const big = sorted[sorted.length - 1];
  const small = sorted[sorted.length - 2];
  if (big && small) {
    const factor = big.pages / small.pages;
    const target = `≤ ${((TARGETS.growth10kTo100k / 10) * factor).toFixed(1)} (linear = ${Number(factor.toFixed(2))})`;
    for (const stage of STAGES) {
      const a = small.stages.find((s) => s.stage === stage && s.ok);
      const b = big.stages.find((s) => s.stage === stage && s.ok);
      if (!a || !b) continue;
      const ratio = b.seconds / a.seconds;
      // CPU time is far less sensitive than wall time to other processes on a shared machine: show both.
      const cpuRatio = b.cpuSeconds / Math.max(a.cpuSeconds, 1e-9);
      row(
        `growth ${stage} ${label(small.pages)}→${label(big.pages)}`,
        ratio,
        "×",
        target,
        ratio <= (TARGETS.growth10kTo100k / 10) * factor,
        `wall time; CPU time ${a.cpuSeconds.toFixed(1)} → ${b.cpuSeconds.toFixed(1)} s = ${cpuRatio.toFixed(2)}×`,
      );
    }
    if (big.endToEndSeconds > 0 && small.endToEndSeconds > 0) {
      const ratio = big.endToEndSeconds / small.endToEndSeconds;
      row(
        `growth end to end ${label(small.pages)}→${label(big.pages)}`,
        ratio,
        "×",
        target,
        ratio <= (TARGETS.growth10kTo100k / 10) * factor,
      );
    }
    for (const s of big.stages.filter((s) => CPU_BOUND.has(s.stage) && s.ok)) {
      const cores = Math.min(TARGETS.coresBusy, availableParallelism() - 0.2);
      row(
        `cores busy ${s.stage} ${label(big.pages)}`,
        s.cores,
        "cores",
        `≥ ${cores.toFixed(1)}`,
        s.cores >= cores,
        `CPU time / wall time of the stage process; machine load average ${loadavg()[0]?.toFixed(1)} (other processes compete)`,
      );
    }
  }
  return rows;
}

function sizesFor(quick: boolean): number[] {
  const override = process.env.FRAMEWATCH_BENCH_SCALE_SIZES;
  if (override) {
    const sizes = override.split(",").map(Number);
    if (sizes.every((n) => Number.isInteger(n) && n > 0)) return sizes;
  }
  return quick ? QUICK_SIZES : FULL_SIZES;
}

export const suite: BenchSuite = async ({ quick, scratchDir }) => {
  const log = (line: string): void => void process.stderr.write(`  scale ${line}\n`);
  const results: SizeResult[] = [];
  for (const pages of sizesFor(quick)) results.push(await measureSize(pages, scratchDir, log));
  const rows = rowsOf(results);
  mkdirSync(join(REPO, "bench/out"), { recursive: true });
  const machine = { cores: availableParallelism(), loadAverage: loadavg() };
  writeFileSync(
    `${OUT_FILE}.tmp`,
    `${JSON.stringify({ date: new Date().toISOString(), quick, machine, results, rows }, null, 2)}\n`,
  );
  renameSync(`${OUT_FILE}.tmp`, OUT_FILE);
  return rows;
};

/**
 * Corpus generator for the scale benchmark: `node --import tsx bench/generate.ts --articles N --out DIR [--seed S]
 * [--records-per-file R] [--workers W] [--writer bench|framewatch]`. Writes DIR/warc/bench-NNNNN.warc.gz (WARC/1.1, gzip per record, response +
 * request records), DIR/outlets.yaml (the registry of the invented outlets) and DIR/manifest.json (counts per page
 * kind and what a perfect extractor would make of them). Pages are recombined from our own demo articles; every page
 * is a pure function of (seed, index), so files are written in parallel by a worker pool and nothing is held in
 * memory but the page being written. The corpus of N pages is a prefix of the corpus of M > N pages.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createPool } from "../core/pool.ts";
import { type Progress, silentProgress, terminalProgress } from "../core/progress.ts";
import {
  corpusContext,
  type Expected,
  type FileStats,
  type FileTask,
  generateFile,
  WARC_WRITERS,
  type WarcWriterKind,
} from "./generate/file.ts";
import { benchRegistry } from "./generate/outlets.ts";
import type { PageKind } from "./generate/pages.ts";

export { warcFileName } from "./generate/file.ts";

export const DEFAULT_SEED = 20240728;
/** Pages per WARC file (plus ≈1 % extra 404 and section responses). */
export const DEFAULT_RECORDS_PER_FILE = 2000;
export const DEFAULT_LANGUAGES = ["en", "es", "pt", "nl"];

export interface GenerateOptions {
  articles: number;
  outDir: string;
  seed?: number;
  recordsPerFile?: number;
  /** Worker threads (default: available cores; 1 writes in this thread). */
  workers?: number;
  languages?: string[];
  /** "bench" (default, byte-deterministic) or "framewatch" (crawlers/archive's WarcWriter). */
  writer?: WarcWriterKind;
  progress?: Progress;
}

export interface GeneratedCorpus {
  outDir: string;
  warcDir: string;
  registryPath: string;
  manifestPath: string;
  /** WARC file paths, in order. */
  files: string[];
  pages: number;
  records: number;
  bytes: number;
  kinds: Record<PageKind, number>;
  expected: Record<Expected, number>;
  seconds: number;
}

function sum<K extends string>(stats: FileStats[], pick: (s: FileStats) => Record<K, number>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const s of stats) for (const [k, v] of Object.entries(pick(s)) as Array<[K, number]>) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Generates a corpus; see the module comment. Removes earlier bench-*.warc.gz files of DIR/warc first. */
export async function generateCorpus(options: GenerateOptions): Promise<GeneratedCorpus> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  const seed = options.seed ?? DEFAULT_SEED;
  const perFile = options.recordsPerFile ?? DEFAULT_RECORDS_PER_FILE;
  const languages = options.languages ?? DEFAULT_LANGUAGES;
  if (!Number.isInteger(options.articles) || options.articles < 1)
    throw new Error("--articles must be a positive integer");
  if (!Number.isInteger(perFile) || perFile < 1) throw new Error("--records-per-file must be a positive integer");
  const outDir = resolve(options.outDir);
  const warcDir = join(outDir, "warc");
  mkdirSync(warcDir, { recursive: true });
  for (const f of readdirSync(warcDir))
    if (/^bench-\d+\.(warc\.gz(\.tmp)?|tmp-.*\.warc\.gz)$/.test(f)) rmSync(join(warcDir, f));

  const ctx = corpusContext(seed, languages);
  const { yaml } = benchRegistry(ctx.outlets);
  const registryPath = join(outDir, "outlets.yaml");
  writeFileSync(`${registryPath}.tmp`, yaml);
  renameSync(`${registryPath}.tmp`, registryPath);

  const tasks: FileTask[] = [];
  for (let from = 0, k = 0; from < options.articles; from += perFile, k++) {
    const to = Math.min(options.articles, from + perFile);
    tasks.push({ seed, fileIndex: k, from, to, warcDir, languages, writer: options.writer ?? "bench" });
  }
  const workers = Math.min(options.workers ?? availableParallelism(), tasks.length);
  progress.start("generate", options.articles);
  const stats: FileStats[] = [];
  if (workers <= 1) {
    for (const task of tasks) {
      stats.push(await generateFile(task));
      progress.tick(task.to - task.from);
    }
  } else {
    const pool = createPool<FileTask, FileStats>(new URL("./generate/worker.ts", import.meta.url), {
      size: workers,
      itemId: (t) => `file ${t.fileIndex} (pages ${t.from}..${t.to - 1})`,
    });
    try {
      for await (const [done] of pool.map(tasks.map((t) => [t]))) {
        if (!done) continue;
        stats.push(done);
        progress.tick(done.pages);
      }
    } finally {
      await pool.close();
    }
  }
  const corpus: GeneratedCorpus = {
    outDir,
    warcDir,
    registryPath,
    manifestPath: join(outDir, "manifest.json"),
    files: stats.map((s) => join(warcDir, s.name)),
    pages: stats.reduce((n, s) => n + s.pages, 0),
    records: stats.reduce((n, s) => n + s.records, 0),
    bytes: stats.reduce((n, s) => n + s.bytes, 0),
    kinds: sum(stats, (s) => s.kinds),
    expected: sum(stats, (s) => s.expected),
    seconds: (performance.now() - started) / 1000,
  };
  const manifest = {
    generator: "bench/generate.ts",
    seed,
    languages,
    recordsPerFile: perFile,
    writer: options.writer ?? "bench",
    ...corpus,
    outDir: undefined,
    warcDir: "warc",
    registryPath: "outlets.yaml",
    manifestPath: undefined,
    files: stats,
    seconds: undefined,
  };
  writeFileSync(`${corpus.manifestPath}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${corpus.manifestPath}.tmp`, corpus.manifestPath);
  progress.end(
    `${corpus.pages} pages, ${corpus.records} records, ${(corpus.bytes / 2 ** 20).toFixed(0)} MiB in ${stats.length} files`,
  );
  return corpus;
}

function parseArgs(argv: string[]): GenerateOptions {
  const options: Partial<GenerateOptions> = {};
  const number = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got "${value ?? ""}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--articles") options.articles = number(flag, value);
    else if (flag === "--out") options.outDir = value;
    else if (flag === "--seed") options.seed = number(flag, value);
    else if (flag === "--records-per-file") options.recordsPerFile = number(flag, value);
    else if (flag === "--workers") options.workers = number(flag, value);
    else if (flag === "--languages") options.languages = (value ?? "").split(",").filter(Boolean);
    else if (flag === "--writer") {
      if (!WARC_WRITERS.includes(value as WarcWriterKind))
        throw new Error(`--writer must be one of ${WARC_WRITERS.join(", ")}`);
      options.writer = value as WarcWriterKind;
    } else throw new Error(`unknown option ${flag}`);
    i++;
  }
  if (!options.articles || !options.outDir)
    throw new Error(
      "usage: bench/generate.ts --articles N --out DIR [--seed S] [--records-per-file R] [--workers W] [--writer bench|framewatch]",
    );
  return options as GenerateOptions;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const corpus = await generateCorpus({ ...parseArgs(process.argv.slice(2)), progress: terminalProgress() });
    process.stdout.write(
      `${corpus.pages} pages (${JSON.stringify(corpus.kinds)}), ${corpus.records} records, ` +
        `${(corpus.bytes / 2 ** 20).toFixed(1)} MiB in ${corpus.files.length} files, ${corpus.seconds.toFixed(1)} s\n` +
        `registry ${corpus.registryPath}\nmanifest ${corpus.manifestPath}\n`,
    );
  } catch (error) {
    process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}

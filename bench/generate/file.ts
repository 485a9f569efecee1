import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCodebook, topicMatcher } from "../../pipeline/codebook/index.ts";
import { framewatchSink } from "./framewatch-sink.ts";
import { articleHtml, notFoundHtml, sectionHtml } from "./html.ts";
import { loadMaterial } from "./material.ts";
import { benchOutlets } from "./outlets.ts";
import { type CorpusContext, kindOf, type PageKind, type PagePlan, planPage } from "./pages.ts";
import { chance, createRng, hashSeed } from "./prng.ts";
import { benchSink } from "./warc.ts";

/**
 * One WARC file of a generated corpus: the pages of indexes [from, to) plus the non-article responses a crawl also
 * holds (a 404 now and then, a section listing every few hundred pages). Pure function of the task: any worker can
 * write any file.
 */

/** Share of pages followed by a request for a mistyped link (404). */
export const NOT_FOUND_SHARE = 0.01;
/** A section listing page after every this many pages. */
export const SECTION_EVERY = 500;
/** Links on a generated section page. */
const SECTION_LINKS = 10;

export interface FileTask {
  seed: number;
  fileIndex: number;
  from: number;
  to: number;
  warcDir: string;
  languages: string[];
  /** "bench" (default): this folder's byte-deterministic writer; "framewatch": crawlers/archive's WarcWriter. */
  writer?: WarcWriterKind;
}

export const WARC_WRITERS = ["bench", "framewatch"] as const;
export type WarcWriterKind = (typeof WARC_WRITERS)[number];

/** What a generated page should become in extract, assuming a perfect extractor. */
export type Expected = "article" | "duplicate" | "off_topic" | "out_of_window" | "unchanged";

export interface FileStats {
  name: string;
  bytes: number;
  /** Response records (pages + extras). */
  records: number;
  pages: number;
  kinds: Record<PageKind, number>;
  expected: Record<Expected, number>;
  notFound: number;
  sections: number;
}

/** The codebook whose topic filter decides which generated pages are on topic. */
export const BENCH_CODEBOOK = fileURLToPath(new URL("../../data/codebooks/venezuela-2024.yaml", import.meta.url));

const contexts = new Map<string, CorpusContext>();

/** The corpus context of (seed, languages), built once per thread. */
export function corpusContext(seed: number, languages: readonly string[]): CorpusContext {
  const key = `${seed}:${languages.join(",")}`;
  let ctx = contexts.get(key);
  if (!ctx) {
    const material = loadMaterial();
    const usable = languages.filter((l) => material.has(l));
    const matches = topicMatcher(loadCodebook(BENCH_CODEBOOK).codebook.topic);
    ctx = { seed, outlets: benchOutlets(usable), material, onTopic: (text) => matches(text).onTopic };
    contexts.set(key, ctx);
  }
  return ctx;
}

export function warcFileName(fileIndex: number): string {
  return `bench-${String(fileIndex).padStart(5, "0")}.warc.gz`;
}

function expectedOf(ctx: CorpusContext, plan: PagePlan): Expected {
  const base = plan.of === null ? plan.kind : kindOf(ctx, plan.of);
  if (base === "off_topic") return "off_topic";
  if (base === "out_of_window") return "out_of_window";
  if (plan.kind === "recapture") return "unchanged";
  if (plan.kind === "wire_copy") return "duplicate";
  return "article";
}

const REQUEST_HEADERS: Array<[string, string]> = [
  ["User-Agent", "framewatch-bench/0.1 (+https://bench.example/)"],
  ["Accept", "text/html,application/xhtml+xml"],
  ["Accept-Language", "*"],
];

function responseHeaders(date: Date, extra: Array<[string, string]> = []): Array<[string, string]> {
  return [
    ["Date", date.toUTCString()],
    ["Server", "nginx"],
    ["Content-Type", "text/html; charset=utf-8"],
    ["Cache-Control", "max-age=60"],
    ["Vary", "Accept-Encoding"],
    ["X-Framewatch-Original-Content-Encoding", "gzip"],
    ...extra,
  ];
}

/** Writes the file of a task; returns its counts. */
export async function generateFile(task: FileTask): Promise<FileStats> {
  const ctx = corpusContext(task.seed, task.languages);
  const name = warcFileName(task.fileIndex);
  const sink = task.writer === "framewatch" ? framewatchSink : benchSink;
  const file = sink(join(task.warcDir, name), {
    software: "framewatch bench/generate.ts",
    description: `generated corpus, seed ${task.seed}, pages ${task.from}..${task.to - 1}`,
  });
  const stats: FileStats = {
    name,
    bytes: 0,
    records: 0,
    pages: 0,
    kinds: { unique: 0, off_topic: 0, out_of_window: 0, wire_copy: 0, recapture: 0, edit: 0 },
    expected: { article: 0, duplicate: 0, off_topic: 0, out_of_window: 0, unchanged: 0 },
    notFound: 0,
    sections: 0,
  };
  const recent: Array<{ url: string; title: string }> = [];
  for (let i = task.from; i < task.to; i++) {
    const plan = planPage(ctx, i);
    const locale = ctx.material.get(plan.outlet.language)?.locale;
    if (!locale) throw new Error(`no material for language ${plan.outlet.language}`);
    const body = Buffer.from(articleHtml(plan, locale), "utf8");
    const lastModified: Array<[string, string]> = plan.modified
      ? [["Last-Modified", new Date(plan.modified).toUTCString()]]
      : [];
    await file.writeExchange({
      url: plan.url,
      date: plan.fetchedAt,
      status: 200,
      statusText: "OK",
      headers: responseHeaders(plan.fetchedAt, lastModified),
      body,
      requestHeaders: REQUEST_HEADERS,
    });
    stats.pages++;
    stats.kinds[plan.kind]++;
    stats.expected[expectedOf(ctx, plan)]++;
    recent.push({ url: plan.url, title: plan.title });
    if (recent.length > SECTION_LINKS) recent.shift();

    const extra = createRng(hashSeed(task.seed, i, "extra"));
    if (chance(extra, NOT_FOUND_SHARE)) {
      const date = new Date(plan.fetchedAt.getTime() + 1000);
      await file.writeExchange({
        url: `${plan.url}-2`,
        date,
        status: 404,
        statusText: "Not Found",
        headers: responseHeaders(date),
        body: Buffer.from(notFoundHtml(locale), "utf8"),
        requestHeaders: REQUEST_HEADERS,
      });
      stats.notFound++;
    }
    if (i % SECTION_EVERY === SECTION_EVERY - 1) {
      const date = new Date(plan.fetchedAt.getTime() + 2000);
      await file.writeExchange({
        url: `${plan.outlet.origin}/${plan.section}/?page=${Math.floor(i / SECTION_EVERY) + 1}`,
        date,
        status: 200,
        statusText: "OK",
        headers: responseHeaders(date),
        body: Buffer.from(sectionHtml(plan, locale, recent), "utf8"),
        requestHeaders: REQUEST_HEADERS,
      });
      stats.sections++;
    }
  }
  const { bytes, records } = await file.finish();
  stats.bytes = bytes;
  stats.records = records;
  return stats;
}

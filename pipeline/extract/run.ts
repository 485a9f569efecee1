import { availableParallelism } from "node:os";
import { join } from "node:path";
import { sha256, stableId } from "../../core/hash.ts";
import { LedgerWriter, readLedger } from "../../core/ledger.ts";
import { createPool } from "../../core/pool.ts";
import { type Progress, silentProgress } from "../../core/progress.ts";
import type { Article, Capture, ExtractSkip } from "../../core/records.ts";
import type { Workspace } from "../../core/workspace.ts";
import type { Outlet, Registry } from "../../crawlers/registry/index.ts";
import { inWindow, type TopicSpec, topicMatcher } from "../codebook/index.ts";
import { canonicalUrl, hostsOf } from "./url.ts";
import { type ExtractJob, type ExtractJobResult, extractJob } from "./worker.ts";

/** Captures per pool batch (one structured-clone round trip each). */
export const EXTRACT_BATCH = 32;
/** Below this many captures to extract, worker threads cost more (start-up) than they save. */
export const EXTRACT_WORKERS_MIN_CAPTURES = 4 * EXTRACT_BATCH;

/**
 * `runExtract(ws)`: captures → articles. Streams the captures ledger, takes successful article fetches not yet
 * handled (by capture id, in either output ledger), reads each body from its WARC record, extracts it, decides the
 * article's identity and whether it is a new version, on topic and in the study window, and appends an Article or
 * an ExtractSkip. Only id and hash sets are held in memory, never the articles themselves.
 */

export interface ExtractRunOptions {
  registry: Registry;
  topic: TopicSpec;
  progress?: Progress;
  /** Per-page time bound passed to extractArticle. */
  timeBudgetMs?: number;
  /** Worker threads (default: available cores; none below EXTRACT_WORKERS_MIN_CAPTURES); 1 extracts in this thread. */
  workers?: number;
}

export interface ExtractSummary {
  /** Article captures looked at in this run (not handled before). */
  considered: number;
  articles: number;
  /** Of `articles`, how many repeat the text of an earlier article (duplicateOf set). */
  duplicates: number;
  skipped: Record<ExtractSkip["reason"], number>;
  /** Captures already handled by an earlier run. */
  alreadyDone: number;
}

interface State {
  done: Set<string>;
  versions: Set<string>;
  /** textSha256 → id of the first article with that text. */
  texts: Map<string, string>;
}

async function loadState(ws: Workspace): Promise<State> {
  const state: State = { done: new Set(), versions: new Set(), texts: new Map() };
  for await (const { record } of readLedger<Article>(ws.articlesLedger)) {
    state.done.add(record.captureId);
    state.versions.add(record.versionId);
    if (!state.texts.has(record.textSha256)) state.texts.set(record.textSha256, record.id);
  }
  for await (const { record } of readLedger<ExtractSkip>(ws.extractSkipsLedger)) state.done.add(record.captureId);
  return state;
}

function isArticleCapture(c: Capture): boolean {
  return c.role === "article" && c.status === 200 && c.warcFile !== null && c.warcOffset !== null;
}

/** Extracts every new article capture of the workspace; see the module comment. */
export async function runExtract(ws: Workspace, options: ExtractRunOptions): Promise<ExtractSummary> {
  const progress = options.progress ?? silentProgress;
  const outlets = new Map<string, Outlet>(options.registry.outlets.map((o) => [o.id, o]));
  const matchTopic = topicMatcher(options.topic);
  const state = await loadState(ws);
  const summary: ExtractSummary = {
    considered: 0,
    articles: 0,
    duplicates: 0,
    skipped: { no_article: 0, off_topic: 0, out_of_window: 0, unchanged: 0, not_html: 0, error: 0 },
    alreadyDone: 0,
  };
  const articles = new LedgerWriter<Article>(ws.articlesLedger);
  const skips = new LedgerWriter<ExtractSkip>(ws.extractSkipsLedger);
  // A first cheap pass counts the work, so the progress bar has a total.
  let total = 0;
  for await (const { record } of readLedger<Capture>(ws.capturesLedger, { onBadLine: () => {} })) {
    if (record && isArticleCapture(record) && !state.done.has(record.id)) total++;
  }
  progress.start("extract", total);
  const record = (result: Article | ExtractSkip): void => {
    if ("versionId" in result) {
      articles.append([result]);
      summary.articles++;
      if (result.duplicateOf) summary.duplicates++;
    } else {
      skips.append([result]);
      summary.skipped[result.reason]++;
    }
    progress.tick(1, `${summary.articles} articles`);
  };
  // Captures of the batches handed out, in order: pool.map yields each batch's results in the same order.
  const inFlight: Capture[][] = [];
  async function* jobs(): AsyncGenerator<ExtractJob[]> {
    let batch: ExtractJob[] = [];
    let captures: Capture[] = [];
    const onBadLine = (line: number) => progress.log(`extract: ${ws.capturesLedger}:${line}: not valid JSON, skipped`);
    for await (const { record: capture } of readLedger<Capture>(ws.capturesLedger, { onBadLine })) {
      if (!capture || !isArticleCapture(capture)) continue;
      if (state.done.has(capture.id)) {
        summary.alreadyDone++;
        continue;
      }
      state.done.add(capture.id);
      summary.considered++;
      batch.push({
        captureId: capture.id,
        warcPath: join(ws.root, capture.warcFile as string),
        warcFile: capture.warcFile as string,
        warcOffset: capture.warcOffset as number,
        url: capture.finalUrl,
        contentType: capture.contentType,
        hints: outlets.get(capture.outletId)?.extract,
        timeBudgetMs: options.timeBudgetMs,
      });
      captures.push(capture);
      if (batch.length >= EXTRACT_BATCH) {
        inFlight.push(captures);
        yield batch;
        batch = [];
        captures = [];
      }
    }
    if (batch.length > 0) {
      inFlight.push(captures);
      yield batch;
    }
  }
  const decide = (results: ExtractJobResult[]): void => {
    const captures = inFlight.shift() ?? [];
    for (const [i, capture] of captures.entries()) {
      const result: ExtractJobResult = results[i] ?? {
        captureId: capture.id,
        kind: "error",
        detail: "no extraction result",
      };
      record(decideCapture(capture, result, outlets.get(capture.outletId), matchTopic, options, state));
    }
  };
  const workers = total < EXTRACT_WORKERS_MIN_CAPTURES ? 1 : (options.workers ?? availableParallelism());
  try {
    if (workers <= 1) {
      for await (const batch of jobs()) {
        const results: ExtractJobResult[] = [];
        for (const job of batch) results.push(await extractJob(job));
        decide(results);
      }
    } else {
      const pool = createPool<ExtractJob, ExtractJobResult>(new URL("./worker.ts", import.meta.url), {
        size: workers,
        itemId: (job) => job.captureId,
      });
      try {
        const results = pool.map(jobs(), {
          onError: (error) =>
            error.itemIds.map((captureId) => ({ captureId, kind: "error" as const, detail: error.message })),
        });
        for await (const batch of results) decide(batch);
      } finally {
        await pool.close();
      }
    }
  } finally {
    articles.close();
    skips.close();
  }
  const skipped = Object.entries(summary.skipped)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  progress.end(
    `${summary.articles} articles from ${summary.considered} captures${skipped ? `; skipped ${skipped}` : ""}`,
  );
  return summary;
}

/** The order-dependent half of extraction (main thread): identity, version, topic, window and duplicate decisions. */
function decideCapture(
  capture: Capture,
  result: ExtractJobResult,
  outlet: Outlet | undefined,
  matchTopic: ReturnType<typeof topicMatcher>,
  options: ExtractRunOptions,
  state: State,
): Article | ExtractSkip {
  const skip = (reason: ExtractSkip["reason"], detail: string): ExtractSkip => ({
    captureId: capture.id,
    outletId: capture.outletId,
    url: capture.finalUrl,
    reason,
    detail,
  });
  if (result.kind === "error") return skip("error", result.detail);
  if (result.kind === "not_html") return skip("not_html", `content-type ${result.contentType}`);
  const outcome = result.outcome;
  if (!outcome.ok) return skip("no_article", outcome.reason);
  const page = outcome.page;
  const ownHosts = hostsOf([capture.finalUrl, capture.url, outlet?.homepage]);
  const url = canonicalUrl(capture.finalUrl, page.canonical, ownHosts);
  const id = stableId(capture.outletId, url);
  const versionId = stableId(id, page.text);
  if (state.versions.has(versionId))
    return skip("unchanged", `version ${versionId} of article ${id} already extracted`);
  const verdict = matchTopic(`${page.title ?? ""}\n${page.text}`);
  if (!verdict.onTopic) {
    const found = verdict.matches.length > 0 ? `only ${verdict.matches.join(", ")}` : "no topic keyword";
    return skip("off_topic", `${found} (needs ${options.topic.minDistinct} distinct)`);
  }
  if (!inWindow(page.published, options.topic.window)) {
    return skip(
      "out_of_window",
      `published ${page.published}, window ${options.topic.window.from}..${options.topic.window.to}`,
    );
  }
  const textSha256 = sha256(page.text);
  const earlier = state.texts.get(textSha256);
  const duplicateOf = earlier !== undefined && earlier !== id ? earlier : null;
  if (earlier === undefined) state.texts.set(textSha256, id);
  state.versions.add(versionId);
  return {
    id,
    versionId,
    captureId: capture.id,
    outletId: capture.outletId,
    url,
    fetchedUrl: capture.finalUrl,
    fetchedAt: capture.fetchedAt,
    title: page.title,
    authors: page.authors,
    publishedAt: page.published,
    modifiedAt: page.modified,
    language: page.language,
    text: page.text,
    textSha256,
    siteName: page.siteName,
    section: page.section,
    leadImage: page.leadImage,
    topicMatches: verdict.matches,
    duplicateOf,
    provenance: page.provenance,
  };
}

import { join } from "node:path";
import { errorMessage } from "../../core/errors.ts";
import { sha256, stableId } from "../../core/hash.ts";
import { LedgerWriter, readLedger } from "../../core/ledger.ts";
import { type Progress, silentProgress } from "../../core/progress.ts";
import type { Article, Capture, ExtractSkip } from "../../core/records.ts";
import type { Workspace } from "../../core/workspace.ts";
import { readWarcResponse } from "../../crawlers/archive/index.ts";
import type { Outlet, Registry } from "../../crawlers/registry/index.ts";
import { inWindow, type TopicSpec, topicMatcher } from "../codebook/index.ts";
import { extractArticle } from "./index.ts";
import { canonicalUrl, hostsOf } from "./url.ts";

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

const CONTENT_TYPE_HEADER = "content-type";

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
  try {
    const onBadLine = (line: number) => progress.log(`extract: ${ws.capturesLedger}:${line}: not valid JSON, skipped`);
    for await (const { record: capture } of readLedger<Capture>(ws.capturesLedger, { onBadLine })) {
      if (!capture || !isArticleCapture(capture)) continue;
      if (state.done.has(capture.id)) {
        summary.alreadyDone++;
        continue;
      }
      state.done.add(capture.id);
      summary.considered++;
      const result = await extractCapture(ws, capture, outlets.get(capture.outletId), matchTopic, options, state);
      if ("versionId" in result) {
        articles.append([result]);
        summary.articles++;
        if (result.duplicateOf) summary.duplicates++;
      } else {
        skips.append([result]);
        summary.skipped[result.reason]++;
      }
      progress.tick(1, `${summary.articles} articles`);
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

async function extractCapture(
  ws: Workspace,
  capture: Capture,
  outlet: Outlet | undefined,
  matchTopic: ReturnType<typeof topicMatcher>,
  options: ExtractRunOptions,
  state: State,
): Promise<Article | ExtractSkip> {
  const skip = (reason: ExtractSkip["reason"], detail: string): ExtractSkip => ({
    captureId: capture.id,
    outletId: capture.outletId,
    url: capture.finalUrl,
    reason,
    detail,
  });
  let body: Buffer;
  let contentType: string | null = capture.contentType;
  try {
    const response = await readWarcResponse(join(ws.root, capture.warcFile as string), capture.warcOffset as number);
    body = response.body;
    contentType ??= response.headers[CONTENT_TYPE_HEADER] ?? null;
  } catch (error) {
    return skip("error", `cannot read WARC record ${capture.warcFile}@${capture.warcOffset}: ${errorMessage(error)}`);
  }
  if (contentType && !/html|xml/i.test(contentType)) return skip("not_html", `content-type ${contentType}`);
  const outcome = extractArticle(body, {
    url: capture.finalUrl,
    contentType,
    hints: outlet?.extract,
    timeBudgetMs: options.timeBudgetMs,
  });
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

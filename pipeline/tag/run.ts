import { availableParallelism } from "node:os";
import { LedgerWriter, ledgerKeys, readLedger } from "../../core/ledger.ts";
import { createPool } from "../../core/pool.ts";
import { type Progress, silentProgress } from "../../core/progress.ts";
import type { Article, TaggedArticle, TagInput } from "../../core/records.ts";
import type { Workspace } from "../../core/workspace.ts";
import { loadCodebook } from "../codebook/index.ts";
import { createTagger } from "./index.ts";

/** Tagged articles appended to the ledger per write (one write per batch keeps crashes cheap). */
export const TAG_BATCH = 50;
/** Below this many articles to tag, worker threads cost more (start-up, codebook compile per worker) than they save. */
export const TAG_WORKERS_MIN_ARTICLES = 4 * TAG_BATCH;

export interface TagRunOptions {
  codebookPath: string;
  progress?: Progress;
  /** Worker threads (default: available cores); 1 tags in this thread. */
  workers?: number;
}

/**
 * The tag stage over a workspace: tags every article version of articles.jsonl not yet in tags.jsonl
 * (TaggedArticle.id = Article.versionId). Incremental and crash safe (whole-line batches). Tagging is pure per
 * article, so batches run in a worker pool (core/pool.ts) and come back in ledger order: the output is the same
 * whatever the number of workers. A batch that fails is reported with its ids and left for the next run.
 */
export async function runTag(
  ws: Workspace,
  options: TagRunOptions,
): Promise<{ tagged: number; skipped: number; failed: number }> {
  const progress = options.progress ?? silentProgress;
  const done = await ledgerKeys<TaggedArticle>(ws.tagsLedger, (t) => t.id);
  const writer = new LedgerWriter<TaggedArticle>(ws.tagsLedger);
  let tagged = 0;
  let skipped = 0;
  let failed = 0;

  async function* pending(): AsyncGenerator<TagInput[]> {
    let batch: TagInput[] = [];
    for await (const { record } of readLedger<Article>(ws.articlesLedger)) {
      if (!record || done.has(record.versionId)) {
        skipped++;
        continue;
      }
      done.add(record.versionId);
      batch.push({
        id: record.versionId,
        text: record.text,
        language: record.language ?? undefined,
        url: record.url,
        outlet: record.outletId,
        title: record.title ?? undefined,
      });
      if (batch.length >= TAG_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  // Look ahead a few batches: a small run is tagged in this thread.
  const source = pending();
  const head: TagInput[][] = [];
  let exhausted = false;
  while (head.length * TAG_BATCH < TAG_WORKERS_MIN_ARTICLES) {
    const next = await source.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
  }
  async function* all(): AsyncGenerator<TagInput[]> {
    yield* head;
    if (!exhausted) yield* source;
  }
  const workers = exhausted ? 1 : (options.workers ?? availableParallelism());

  progress.start("tag");
  try {
    if (workers <= 1) {
      const tagger = createTagger(loadCodebook(options.codebookPath));
      for await (const batch of all()) {
        writer.append(batch.map((input) => tagger.tag(input)));
        tagged += batch.length;
        progress.tick(batch.length);
      }
    } else {
      const pool = createPool<TagInput, TaggedArticle>(new URL("./worker.ts", import.meta.url), {
        size: workers,
        init: { codebookPath: options.codebookPath },
      });
      try {
        const results = pool.map(all(), {
          onError: (error) => {
            failed += error.itemIds.length;
            progress.log(`tag: ${error.message} (left untagged; the next run retries them)`);
            return [];
          },
        });
        for await (const batch of results) {
          writer.append(batch);
          tagged += batch.length;
          progress.tick(batch.length);
        }
      } finally {
        await pool.close();
      }
    }
  } finally {
    writer.close();
    progress.end(`${tagged} tagged, ${skipped} skipped${failed > 0 ? `, ${failed} failed` : ""}`);
  }
  return { tagged, skipped, failed };
}

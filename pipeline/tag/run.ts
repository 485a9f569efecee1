import { LedgerWriter, ledgerKeys, readLedger } from "../../core/ledger.ts";
import { type Progress, silentProgress } from "../../core/progress.ts";
import type { Article, TaggedArticle } from "../../core/records.ts";
import type { Workspace } from "../../core/workspace.ts";
import { loadCodebook } from "../codebook/index.ts";
import { createTagger } from "./index.ts";

/** Tagged articles appended to the ledger per write (one write per batch keeps crashes cheap). */
export const TAG_BATCH = 50;

/**
 * The tag stage over a workspace: tags every article version of articles.jsonl not yet in tags.jsonl
 * (TaggedArticle.id = Article.versionId). Incremental and crash safe (whole-line batches).
 */
export async function runTag(
  ws: Workspace,
  options: { codebookPath: string; progress?: Progress },
): Promise<{ tagged: number; skipped: number }> {
  const progress = options.progress ?? silentProgress;
  const tagger = createTagger(loadCodebook(options.codebookPath));
  const done = await ledgerKeys<TaggedArticle>(ws.tagsLedger, (t) => t.id);
  const writer = new LedgerWriter<TaggedArticle>(ws.tagsLedger);
  let tagged = 0;
  let skipped = 0;
  let batch: TaggedArticle[] = [];
  progress.start("tag");
  try {
    for await (const { record } of readLedger<Article>(ws.articlesLedger)) {
      if (!record || done.has(record.versionId)) {
        skipped++;
        continue;
      }
      done.add(record.versionId);
      batch.push(
        tagger.tag({
          id: record.versionId,
          text: record.text,
          language: record.language ?? undefined,
          url: record.url,
          outlet: record.outletId,
          title: record.title ?? undefined,
        }),
      );
      tagged++;
      progress.tick(1);
      if (batch.length >= TAG_BATCH) {
        writer.append(batch);
        batch = [];
      }
    }
    writer.append(batch);
  } finally {
    writer.close();
    progress.end(`${tagged} tagged, ${skipped} skipped`);
  }
  return { tagged, skipped };
}

import type { TaggedArticle, TagInput } from "../../core/records.ts";
import { loadCodebook } from "../codebook/index.ts";
import { createTagger, type Tagger } from "./index.ts";

/** Worker side of the tag stage (core/pool.ts): the codebook is compiled once per worker, then batches are tagged. */

let tagger: Tagger | null = null;

export function init(data: { codebookPath: string }): void {
  tagger = createTagger(loadCodebook(data.codebookPath));
}

export function handle(batch: TagInput[]): TaggedArticle[] {
  const t = tagger;
  if (!t) throw new Error("tag worker used before init");
  return batch.map((input) => t.tag(input));
}

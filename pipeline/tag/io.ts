import { z } from "zod";
import type { TaggedArticle } from "../../core/records.ts";
import type { Tagger } from "./index.ts";

/**
 * The `framewatch tag` JSONL contract: one output line per input line, same order. A line that is not valid JSON or
 * lacks `id`/`text` becomes `{"id": <id or null>, "error": "line N: …"}` and is reported; the others are tagged.
 */

export const TagInputSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  language: z.string().optional(),
  url: z.string().optional(),
  outlet: z.string().optional(),
  title: z.string().optional(),
});

export interface TagLineResult {
  line: string;
  error: string | null;
}

/** The output record in contract field order (guideline fields first, audit fields after). */
export function contractRecord(t: TaggedArticle): Record<string, unknown> {
  return {
    id: t.id,
    language: t.language,
    frames: t.frames,
    recognitions: t.recognitions,
    sources: t.sources,
    claims: t.claims,
    frameHits: t.frameHits,
    codebook: t.codebook,
  };
}

/** Tags one input line (1-based `lineNo` for messages) and returns the output line. */
export function tagLine(tagger: Tagger, text: string, lineNo: number): TagLineResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = `line ${lineNo}: not valid JSON (${(error as Error).message})`;
    return { line: JSON.stringify({ id: null, error: message }), error: message };
  }
  const parsed = TagInputSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = (issue?.path ?? []).join(".") || "line";
    const message = `line ${lineNo}: ${field}: ${issue?.message ?? "invalid"}`;
    const rawId = (json as { id?: unknown } | null)?.id;
    return { line: JSON.stringify({ id: typeof rawId === "string" ? rawId : null, error: message }), error: message };
  }
  try {
    return { line: JSON.stringify(contractRecord(tagger.tag(parsed.data))), error: null };
  } catch (error) {
    const message = `line ${lineNo}: tagging failed (${(error as Error).message})`;
    return { line: JSON.stringify({ id: parsed.data.id, error: message }), error: message };
  }
}

/** Tags a whole JSONL stream of lines; calls `write` with each output line (no newline) and `onError` per bad line. */
export async function tagLines(
  tagger: Tagger,
  lines: AsyncIterable<string> | Iterable<string>,
  write: (line: string) => void,
  onError: (message: string) => void,
): Promise<{ tagged: number; errors: number }> {
  let lineNo = 0;
  let tagged = 0;
  let errors = 0;
  for await (const text of lines) {
    lineNo++;
    const r = tagLine(tagger, text, lineNo);
    write(r.line);
    if (r.error) {
      errors++;
      onError(r.error);
    } else tagged++;
  }
  return { tagged, errors };
}

import { readFileSync } from "node:fs";
import { z } from "zod";
import { InputError } from "../../core/errors.ts";

/** A gold document in the annotation guideline's format (also accepted as a prediction: same shape). */
export const GoldDocSchema = z.object({
  id: z.string(),
  url: z.string().optional(),
  outlet: z.string().optional(),
  language: z.string().optional(),
  text: z.string(),
  frames: z.record(z.string(), z.enum(["endorsed", "reported", "rejected"])).default({}),
  recognitions: z
    .array(z.object({ actor: z.string(), stance: z.string(), evidence: z.string().default("") }))
    .default([]),
  sources: z.array(z.object({ name: z.string(), type: z.string(), evidence: z.string().default("") })).default([]),
  claims: z.array(z.object({ evidence: z.string(), numbers: z.array(z.number()).default([]) })).default([]),
});
export type GoldDoc = z.infer<typeof GoldDocSchema>;

/** What the scorer needs of a prediction: the tagger's output (TaggedArticle) or any line of the tag contract. */
export const PredDocSchema = z.object({
  id: z.string(),
  language: z.string().optional(),
  frames: z.record(z.string(), z.string()).default({}),
  recognitions: z
    .array(z.object({ actor: z.string(), stance: z.string(), evidence: z.string().optional() }))
    .default([]),
  sources: z.array(z.object({ name: z.string(), type: z.string(), evidence: z.string().optional() })).default([]),
  claims: z.array(z.object({ evidence: z.string(), numbers: z.array(z.number()).optional() })).default([]),
});
export type PredDoc = z.infer<typeof PredDocSchema>;

/** Reads a JSONL file of documents; a bad line is an InputError naming file:line. */
export function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read (${(error as Error).message})`, path, { cause: error });
  }
  const out: T[] = [];
  source.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new InputError(`not valid JSON (${(error as Error).message})`, `${path}:${i + 1}`, { cause: error });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`${issue?.message} at ${(issue?.path ?? []).join(".")}`, `${path}:${i + 1}`);
    }
    out.push(parsed.data);
  });
  return out;
}

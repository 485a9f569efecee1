import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { InputError } from "../core/errors.ts";

/**
 * The demo web's articles: our own writing, one YAML file per outlet under data/demo/articles/, each article with
 * its gold annotation by the guideline (../shared/corpus/GUIDELINE.md), so the demo doubles as a tagger regression set.
 */

export const DEMO_ARTICLES_DIR = "data/demo/articles";

export const FRAMES = ["fraud_narrative", "coup_framing", "repression_framing", "foreign_interference"] as const;
export const FRAME_STANCES = ["endorsed", "reported", "rejected"] as const;
export const RECOGNITION_STANCES = [
  "recognizes_maduro",
  "recognizes_gonzalez",
  "rejects_result",
  "demands_verification",
] as const;
export const SOURCE_TYPES = [
  "venezuelan_government",
  "venezuelan_opposition",
  "foreign_government",
  "international_org",
  "election_observer",
  "media",
  "ngo_or_expert",
  "other",
  "anonymous",
] as const;
export const ORGANISATION_ACTORS = ["EU", "OAS", "UN", "CARTER_CENTER", "ALBA", "OPEC", "MERCOSUR", "G7", "CELAC"];

const Evidence = z.string().min(3);

export const GoldSchema = z.object({
  frames: z.partialRecord(z.enum(FRAMES), z.enum(FRAME_STANCES)).default({}),
  recognitions: z
    .array(
      z.object({
        actor: z.string().refine((a) => /^[A-Z]{2}$/.test(a) || ORGANISATION_ACTORS.includes(a), "ISO alpha-2 or org"),
        stance: z.enum(RECOGNITION_STANCES),
        evidence: Evidence,
      }),
    )
    .default([]),
  sources: z.array(z.object({ name: z.string().min(1), type: z.enum(SOURCE_TYPES), evidence: Evidence })).default([]),
  claims: z.array(z.object({ evidence: Evidence, numbers: z.array(z.number()) })).default([]),
});

export const DemoArticleSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string().min(1),
  authors: z.array(z.string()).default([]),
  /** ISO 8601 with offset. */
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/),
  section: z.string().regex(/^[a-z0-9-]+$/),
  /** Off-topic articles (topic: false) must be dropped by the topic filter. */
  topic: z.boolean().default(true),
  /** Paragraphs separated by blank lines. The gold annotation is of this text exactly. */
  body: z.string().min(200),
  gold: GoldSchema.optional(),
  /** Edition 2 of the demo web serves this text at the same URL (an edit after publication). */
  updated: z.object({ modified: z.string(), body: z.string().min(200), gold: GoldSchema.optional() }).optional(),
  /** Extra paths under which the same page is served (its canonical link points to the main URL). */
  aliases: z.array(z.string().startsWith("/")).default([]),
  /** "<outlet>/<slug>" of a wire story this article republishes verbatim (body must be identical). */
  republishedFrom: z.string().optional(),
});

export const DemoOutletArticlesSchema = z.object({
  outlet: z.string(),
  language: z.enum(["en", "es", "pt", "nl", "fr", "de", "it"]),
  articles: z.array(DemoArticleSchema).min(1),
});

export type DemoArticle = z.infer<typeof DemoArticleSchema>;
export type DemoOutletArticles = z.infer<typeof DemoOutletArticlesSchema>;
export type Gold = z.infer<typeof GoldSchema>;

/** Loads and validates one outlet's article file; errors name the file and the article slug. */
export function loadOutletArticles(path: string): DemoOutletArticles {
  const doc = parseDocument(readFileSync(path, "utf8"));
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new InputError(`invalid YAML: ${first?.message}`, `${path}:${first?.linePos?.[0]?.line ?? "?"}`);
  }
  const raw = doc.toJS() as { articles?: Array<{ slug?: string }> };
  const parsed = DemoOutletArticlesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const p = issue?.path ?? [];
    const slug = p[0] === "articles" && typeof p[1] === "number" ? raw.articles?.[p[1]]?.slug : undefined;
    throw new InputError(
      issue?.message ?? "invalid",
      `${path}${slug ? ` article "${slug}"` : ""} field ${p.join(".")}`,
    );
  }
  for (const article of parsed.data.articles) checkEvidence(path, article.slug, article.body, article.gold);
  for (const article of parsed.data.articles) {
    if (article.updated) checkEvidence(path, `${article.slug} (updated)`, article.updated.body, article.updated.gold);
  }
  return parsed.data;
}

function checkEvidence(path: string, slug: string, body: string, gold: Gold | undefined): void {
  if (!gold) return;
  const spans = [...gold.recognitions, ...gold.sources, ...gold.claims];
  for (const span of spans) {
    if (!body.includes(span.evidence)) {
      throw new InputError(
        `evidence is not an exact substring of the body: "${span.evidence}"`,
        `${path} article "${slug}"`,
      );
    }
  }
}

/** Loads every outlet's articles in file-name order. */
export function loadDemoArticles(dir: string = DEMO_ARTICLES_DIR): DemoOutletArticles[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => loadOutletArticles(join(dir, f)));
}

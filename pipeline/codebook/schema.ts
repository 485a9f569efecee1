import { z } from "zod";

/**
 * The codebook: everything a study knows (frames, cues per language, actors, vocabularies). The engine is generic;
 * a new study is a new codebook file. Sections beyond study/topic/events/frames are defined by the tagger.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

export const StudySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  version: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
});

export const TopicSchema = z.object({
  keywords: z.array(z.string().min(2)).min(1),
  minDistinct: z.int().min(1).default(2),
  window: z.object({ from: isoDate, to: isoDate }),
});

export const EventSchema = z.object({
  date: isoDate,
  id: z.string(),
  label: z.string(),
});

export const FrameDefSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string(),
  description: z.string(),
});

export const CodebookSchema = z
  .object({
    study: StudySchema,
    topic: TopicSchema,
    events: z.array(EventSchema).default([]),
    frames: z.array(FrameDefSchema).min(1),
  })
  .loose();

export type Codebook = z.infer<typeof CodebookSchema>;

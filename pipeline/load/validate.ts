import { z } from "zod";

/**
 * zod schemas of the ledger records (core/records.ts) as the load stage accepts them. Required: the keys and fields
 * every table needs; optional fields may be missing or null. A line that fails is reported with file:line and skipped.
 */

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: "not an ISO 8601 date/time" });
const optionalTime = isoTime.nullish();
const text = z.string().nullish();
const strings = z.array(z.string()).nullish();

export const CaptureSchema = z.object({
  id: z.string().min(1),
  runId: z.string().nullish(),
  outletId: z.string().min(1),
  role: z.string(),
  url: z.string(),
  finalUrl: text,
  status: z.int().nullish(),
  contentType: text,
  fetchedAt: isoTime,
  bodySha256: text,
  bytes: z.number().nullish(),
  warcFile: text,
  warcOffset: z.number().nullish(),
  warcLength: z.number().nullish(),
  via: text,
  discoveredFrom: text,
  error: text,
});

export const ArticleSchema = z.object({
  id: z.string().min(1),
  versionId: z.string().min(1),
  captureId: text,
  outletId: z.string().min(1),
  url: z.string(),
  fetchedUrl: text,
  fetchedAt: isoTime,
  title: text,
  authors: strings,
  publishedAt: optionalTime,
  modifiedAt: optionalTime,
  language: text,
  text: z.string(),
  textSha256: text,
  siteName: text,
  section: text,
  leadImage: text,
  topicMatches: strings,
  duplicateOf: text,
  provenance: z.record(z.string(), z.unknown()).nullish(),
});

export const ExtractSkipSchema = z.object({
  captureId: z.string().min(1),
  outletId: text,
  url: text,
  reason: z.string(),
  detail: text,
});

const Span = {
  evidence: z.string(),
  start: z.int(),
  end: z.int(),
  rule: z.string().nullish(),
};

export const TaggedArticleSchema = z.object({
  id: z.string().min(1),
  language: text,
  frames: z.record(z.string(), z.string()).default({}),
  frameHits: z.array(z.object({ ...Span, frame: z.string(), stance: z.string() })).default([]),
  recognitions: z.array(z.object({ ...Span, actor: z.string(), stance: z.string() })).default([]),
  sources: z.array(z.object({ ...Span, name: z.string(), type: z.string() })).default([]),
  claims: z
    .array(z.object({ ...Span, numbers: z.array(z.number()).default([]), kind: z.string().nullish() }))
    .default([]),
  codebook: text,
});

export const RunRecordSchema = z.object({
  runId: z.string().min(1),
  kind: z.string(),
  startedAt: isoTime,
  endedAt: optionalTime,
  status: z.string(),
  counts: z.record(z.string(), z.unknown()).nullish(),
  errors: strings,
  options: z.record(z.string(), z.unknown()).nullish(),
});

export type CaptureLine = z.infer<typeof CaptureSchema>;
export type ArticleLine = z.infer<typeof ArticleSchema>;
export type ExtractSkipLine = z.infer<typeof ExtractSkipSchema>;
export type TaggedLine = z.infer<typeof TaggedArticleSchema>;
export type RunLine = z.infer<typeof RunRecordSchema>;

/** The first issue of a failed parse as one readable line ("field path: message"). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid record";
  return issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message;
}

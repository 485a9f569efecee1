/**
 * The typed records that flow between pipeline stages:
 *
 *   crawl → Capture (+ body in WARC) → extract → Article → tag → TaggedArticle → load → DuckDB rows → report
 *
 * Every stage appends its records to a JSONL ledger in the workspace (see workspace.ts), so each stage can run alone,
 * resume after a crash, and the DuckDB load holds its write lock only briefly. Field names are camelCase here and in
 * the ledgers; the load stage maps them to snake_case columns.
 */

/** What a fetched URL was for the crawler. */
export type CaptureRole = "article" | "feed" | "sitemap" | "section" | "robots" | "other";

/** How the bytes were obtained. */
export type CaptureVia = "http" | "browser" | "warc-ingest";

/**
 * One HTTP exchange (or one failed attempt at one). The response body is not in the record: it lives in a WARC file at
 * `warcFile`/`warcOffset`, which is the provenance of everything downstream.
 */
export interface Capture {
  /** Stable id: sha256 of the WARC record id (or of url+fetchedAt+error for failures that produced no response). */
  id: string;
  runId: string;
  outletId: string;
  role: CaptureRole;
  /** URL as requested. */
  url: string;
  /** URL after redirects (equals `url` when there were none). */
  finalUrl: string;
  /** HTTP status; null when no response arrived (timeout, DNS, refused, blocked by policy). */
  status: number | null;
  contentType: string | null;
  /** ISO 8601 UTC. */
  fetchedAt: string;
  /** sha256 hex of the decoded response body; null without a body. */
  bodySha256: string | null;
  bytes: number;
  /** WARC file path relative to the workspace root; null when nothing was archived. */
  warcFile: string | null;
  warcOffset: number | null;
  warcLength: number | null;
  via: CaptureVia;
  /** Feed, sitemap or section URL that led to this URL; null for entry points. */
  discoveredFrom: string | null;
  /** The response's Last-Modified header as ISO 8601 (absent or null when it had none), for change detection. */
  lastModified?: string | null;
  /** Why the exchange failed or was not used (e.g. "timeout after 30000 ms", "robots.txt disallows"); null on success. */
  error: string | null;
}

/** Metadata and main text of one page, as the extract stage found it (before identity and topic decisions). */
export interface ExtractedPage {
  text: string;
  title: string | null;
  authors: string[];
  /** ISO 8601 with offset when known (e.g. "2024-07-29T08:15:00-04:00"), or a plain date "2024-07-29". */
  published: string | null;
  modified: string | null;
  /** ISO 639-1. */
  language: string | null;
  canonical: string | null;
  siteName: string | null;
  section: string | null;
  leadImage: string | null;
  /** Which source each metadata field came from (e.g. {published: "json-ld"}), for audit. */
  provenance: Record<string, string>;
}

/** "Nothing found" is a normal result, with a reason a researcher can read. */
export type ExtractOutcome = { ok: true; page: ExtractedPage } | { ok: false; reason: string };

/**
 * One version of one article. An article is identified by outlet + canonical URL; every distinct text seen for it is
 * a version (edits after publication are research data), so `id` repeats across versions and `versionId` does not.
 */
export interface Article {
  /** sha256(outletId + "\n" + canonical URL), first 16 hex chars. */
  id: string;
  /** sha256(id + "\n" + text), first 16 hex chars. */
  versionId: string;
  captureId: string;
  outletId: string;
  /** Canonical URL. */
  url: string;
  /** The URL the capture was made from (may differ from the canonical URL). */
  fetchedUrl: string;
  fetchedAt: string;
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  language: string | null;
  text: string;
  textSha256: string;
  siteName: string | null;
  section: string | null;
  leadImage: string | null;
  /** Topic keywords of the codebook that matched (why the article was kept). */
  topicMatches: string[];
  /** Id of an earlier article (other outlet or URL) with the same text, e.g. a wire story republished; else null. */
  duplicateOf: string | null;
  provenance: Record<string, string>;
}

/** Why a capture did not become an article version (kept so reruns skip it and analysts can audit the filter). */
export interface ExtractSkip {
  captureId: string;
  outletId: string;
  url: string;
  reason: "no_article" | "off_topic" | "out_of_window" | "unchanged" | "not_html" | "error";
  detail: string;
}

export type FrameStance = "endorsed" | "reported" | "rejected";
export type RecognitionStance = "recognizes_maduro" | "recognizes_gonzalez" | "rejects_result" | "demands_verification";

/** Where a tag came from in the text, and which cue or rule produced it. `evidence === text.slice(start, end)`. */
export interface EvidenceSpan {
  evidence: string;
  start: number;
  end: number;
  /** Codebook cue or engine rule id, e.g. "frames.coup_framing.cue.es.golpe_de_estado" or "sources.quote.guillemets". */
  rule: string;
}

export interface FrameHit extends EvidenceSpan {
  frame: string;
  stance: FrameStance;
}

export interface RecognitionTag extends EvidenceSpan {
  /** ISO 3166-1 alpha-2 or an organisation code of the codebook (EU, OAS, UN, …). */
  actor: string;
  stance: RecognitionStance | string;
}

export interface SourceTag extends EvidenceSpan {
  name: string;
  type: string;
}

export interface ClaimTag extends EvidenceSpan {
  /** Every number in the claim, normalised per locale (51,2% → 51.2; 6,2 miljoen → 6200000); years/dates left out. */
  numbers: number[];
  /** Codebook figure kind when the claim reports one of the study's key figures (e.g. "result_cne", "arrests"). */
  kind: string | null;
}

/** Input of the tagger (the `framewatch tag` JSONL contract). */
export interface TagInput {
  id: string;
  text: string;
  language?: string;
  url?: string;
  outlet?: string;
  title?: string;
}

/** Output of the tagger: the guideline's format plus audit fields (frameHits, rule, offsets, codebook). */
export interface TaggedArticle {
  id: string;
  language: string;
  /** Only frames that are present, with the text's own stance. */
  frames: Record<string, FrameStance>;
  /** Every passage that contributed to a frame decision. */
  frameHits: FrameHit[];
  recognitions: RecognitionTag[];
  sources: SourceTag[];
  claims: ClaimTag[];
  /** "<codebook id>@<version>#<sha256 prefix>": same inputs + same codebook ⇒ same outputs. */
  codebook: string;
}

/** One row per crawl/process run, for the `crawl_runs` table. */
export interface RunRecord {
  runId: string;
  kind: "crawl" | "ingest" | "schedule" | "demo";
  startedAt: string;
  endedAt: string | null;
  status: "running" | "ok" | "failed" | "interrupted";
  counts: Record<string, number>;
  errors: string[];
  options: Record<string, unknown>;
}

/**
 * What the report is built from: rows of the load stage's views, as loaded by `loadReportData` (data.ts). The page
 * builders are pure functions of these records, so they are tested with hand-made fixtures, without DuckDB.
 * Dates are "YYYY-MM-DD" strings, timestamps ISO strings; counts are numbers.
 */

export interface OutletInfo {
  outletId: string;
  name: string;
  homepage: string | null;
  country: string;
  languages: string[];
  kind: string;
  ownership: string | null;
  nArticles: number;
  firstDay: string | null;
  lastDay: string | null;
}

export interface CrawlRunRow {
  runId: string;
  kind: string;
  startedAt: string | null;
  endedAt: string | null;
  status: string;
  counts: Record<string, number>;
  nErrors: number;
}

export interface FailureSummaryRow {
  outletId: string;
  status: number | null;
  /** The error message, cut at its first line and grouped. */
  error: string;
  n: number;
}

export interface CoverageRow {
  outletId: string;
  day: string;
  nArticles: number;
}

export interface FrameCounts {
  frame: string;
  nArticles: number;
  nPresent: number;
  nEndorsed: number;
  nReported: number;
  nRejected: number;
}

export interface FrameShareOutletRow extends FrameCounts {
  outletId: string;
}

export interface FrameShareGroupRow extends FrameCounts {
  groupBy: "country" | "kind";
  groupValue: string;
}

export interface FrameShareWeekRow extends FrameCounts {
  week: string;
  outletKind: string;
}

export interface RecognitionRow {
  actor: string;
  actorName: string;
  actorKind: string;
  stance: string;
  firstReported: string | null;
  nArticles: number;
  nOutlets: number;
  outlets: string[];
}

export interface RecognitionEvidenceRow {
  actor: string;
  stance: string;
  articleId: string;
  outletId: string;
  publishedDay: string | null;
  title: string | null;
  evidence: string;
  rule: string;
}

export interface SourceMixRow {
  outletId: string;
  type: string;
  nSources: number;
  nArticles: number;
  share: number;
}

export interface TopSourceRow {
  outletKind: string;
  name: string;
  type: string;
  nMentions: number;
  nArticles: number;
  nOutlets: number;
  rank: number;
}

/** One figure (number) of one claim kind as reported by one outlet, with how often and a first example. */
export interface FigureRow {
  outletId: string;
  kind: string;
  number: number;
  nArticles: number;
  firstDay: string | null;
  articleId: string;
  evidence: string;
}

export interface ReportTotals {
  nArticles: number;
  nOutlets: number;
  nDuplicates: number;
  firstDay: string | null;
  lastDay: string | null;
  nFailures: number;
}

export interface ReportData {
  totals: ReportTotals;
  outlets: OutletInfo[];
  runs: CrawlRunRow[];
  failures: FailureSummaryRow[];
  coverage: CoverageRow[];
  frameByOutlet: FrameShareOutletRow[];
  frameByGroup: FrameShareGroupRow[];
  frameByWeek: FrameShareWeekRow[];
  recognition: RecognitionRow[];
  /** At most `evidencePerCell` rows per actor × stance (the earliest); the matrix has the full counts. */
  recognitionEvidence: RecognitionEvidenceRow[];
  sourceMix: SourceMixRow[];
  topSources: TopSourceRow[];
  figures: FigureRow[];
}

export type TagCategory = "frame" | "recognition" | "source" | "claim";

/** One tag of one article with its evidence span (offsets into the article text, UTF-16 code units). */
export interface ArticleTag {
  category: TagCategory;
  /** Frame id, actor code, source name or claim kind. */
  label: string;
  /** Stance, source type, or the claim's numbers. */
  detail: string;
  evidence: string;
  start: number | null;
  end: number | null;
  rule: string;
}

/** Everything one article page shows. */
export interface ArticleDetail {
  articleId: string;
  outletId: string;
  url: string;
  title: string | null;
  publishedAt: string | null;
  publishedDay: string | null;
  language: string | null;
  authors: string[];
  section: string | null;
  nVersions: number;
  duplicateOf: string | null;
  text: string;
  /** Frame id → stance of the latest version. */
  frames: Record<string, string>;
  tags: ArticleTag[];
}

/** Labels and dates from the codebook that the report shows. */
export interface StudyInfo {
  id: string;
  title: string;
  description: string | null;
  frames: { id: string; label: string; description: string }[];
  events: { date: string; id: string; label: string }[];
  /** Claim kind id → label (from the codebook when it defines them, else built in). */
  claimKinds: Record<string, string>;
  fingerprint: string;
}

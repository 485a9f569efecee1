import { readLedger } from "../core/ledger.ts";
import type { Capture } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { canonicalUrl } from "./url.ts";

/** HTTP statuses after which an article URL counts as seen for good (gone), not retried every run. */
export const PERMANENT_STATUSES = new Set([404, 410]);
/** Prefix of the error of an article URL that answered with another content type (see crawler.ts acceptType). */
export const NOT_HTML = "not HTML";

/** What earlier runs know about an article URL (from the captures ledger). */
export interface KnownArticle {
  /** Last successful (200) or revalidated (304) fetch. */
  lastFetchedAt: string;
  /** Last 200 capture (its WARC record holds the validators for a conditional GET). */
  last200: Capture | null;
  bodySha256: string | null;
  /**
   * Last-Modified of the latest successful or revalidated response, when the server sent one: the document's own
   * notion of when it last changed, which is what a feed or sitemap lastmod is compared with.
   */
  lastModified: string | null;
  /** Set when the last answer was permanent (404/410). */
  gone: boolean;
}

/** Incremental state: every article URL already captured, keyed by canonical URL. */
export async function loadCrawlState(ws: Workspace): Promise<Map<string, KnownArticle>> {
  const known = new Map<string, KnownArticle>();
  for await (const { record } of readLedger<Capture>(ws.capturesLedger, { onBadLine: () => {} })) {
    if (record?.role !== "article" || record.status === null) continue;
    const ok = record.status === 200 && record.warcFile !== null && record.error === null;
    const revalidated = record.status === 304 && record.error === null;
    // Gone (404/410) or not HTML at all: nothing to gain from asking again unless discovery reports a change.
    const gone = PERMANENT_STATUSES.has(record.status) || (record.error?.startsWith(NOT_HTML) ?? false);
    if (!ok && !revalidated && !gone) continue;
    let key: string;
    try {
      key = canonicalUrl(record.url);
    } catch {
      continue;
    }
    const previous = known.get(key);
    const entry: KnownArticle = previous ?? {
      lastFetchedAt: record.fetchedAt,
      last200: null,
      bodySha256: null,
      lastModified: null,
      gone,
    };
    if (record.fetchedAt >= entry.lastFetchedAt) {
      entry.lastFetchedAt = record.fetchedAt;
      entry.gone = gone;
      if (ok || revalidated) entry.lastModified = record.lastModified ?? null;
    }
    if (ok && (!entry.last200 || record.fetchedAt >= entry.last200.fetchedAt)) {
      entry.last200 = record;
      entry.bodySha256 = record.bodySha256;
    }
    known.set(key, entry);
  }
  return known;
}

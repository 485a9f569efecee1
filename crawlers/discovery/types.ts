/** A URL found by discovery, with whatever the feed or sitemap said about it (for early topic/window filtering). */
export interface DiscoveredLink {
  url: string;
  /** Title + description/summary text, when the source gave any. */
  text: string | null;
  /** Publication date (ISO or RFC 822 as given), when known. */
  published: string | null;
  /** Last modification (feed updated / sitemap lastmod), when known. */
  modified: string | null;
}

/** What one discovery document yielded. */
export interface DiscoveryResult {
  /** Article candidates. */
  links: DiscoveredLink[];
  /** Further sitemaps (from a sitemap index), with their lastmod. */
  sitemaps: DiscoveredLink[];
  /** A readable problem (malformed XML recovered by pattern, …); null when the document parsed cleanly. */
  problem: string | null;
}

export const EMPTY_RESULT: DiscoveryResult = { links: [], sitemaps: [], problem: null };

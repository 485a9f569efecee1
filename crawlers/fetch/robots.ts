import { createRequire } from "node:module";

/** Longest Crawl-delay we honour as given; longer ones are capped (a crawl of a few pages should still finish). */
export const MAX_CRAWL_DELAY_MS = 30_000;

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}

// robots-parser is CommonJS without an ESM entry; under NodeNext it loads cleanly through createRequire.
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, text: string) => Robot;

/** What a site's robots.txt lets the crawler do. */
export interface RobotsPolicy {
  allowed(url: string): boolean;
  /** Crawl-delay for our user agent in ms (capped), or null. */
  crawlDelayMs: number | null;
  /** Why everything is disallowed (robots.txt unreachable), else null. */
  blanket: string | null;
}

/**
 * Builds a policy from a robots.txt fetch outcome, following RFC 9309: 2xx → parse; 4xx (and 404) → no rules;
 * 5xx or unreachable → assume complete disallow for this run.
 */
export function robotsPolicy(
  robotsUrl: string,
  status: number | null,
  text: string,
  agentToken: string,
  failure: string | null = null,
): RobotsPolicy {
  if (status !== null && status >= 200 && status < 300) {
    const robot = robotsParser(robotsUrl, text);
    const delay = robot.getCrawlDelay(agentToken);
    return {
      allowed: (url) => robot.isAllowed(url, agentToken) !== false,
      crawlDelayMs: delay === undefined || Number.isNaN(delay) ? null : Math.min(delay * 1000, MAX_CRAWL_DELAY_MS),
      blanket: null,
    };
  }
  if (status !== null && status >= 400 && status < 500)
    return { allowed: () => true, crawlDelayMs: null, blanket: null };
  // A host refused by network safety keeps that reason: it is why nothing there is fetched.
  if (failure?.startsWith("blocked:")) return { allowed: () => false, crawlDelayMs: null, blanket: failure };
  const blanket = `robots.txt unreachable (${status === null ? (failure ?? "no response") : `HTTP ${status}`}), assuming disallow`;
  return { allowed: () => false, crawlDelayMs: null, blanket };
}

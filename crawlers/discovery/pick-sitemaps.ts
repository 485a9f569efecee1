import { isoDay } from "./dates.ts";
import type { DiscoveredLink } from "./types.ts";

/** A year-month in a sitemap URL: "2024-08", "2024/08", "2024_08", "202408" (archive sitemaps are named this way). */
const URL_MONTH = /(?<![0-9])(20\d\d)[-_/]?(0[1-9]|1[0-2])(?![0-9])/;

/**
 * Child sitemaps of an index worth following for a study window, best first, at most `max`:
 * - a child whose lastmod is before the window start cannot list anything published in the window: dropped;
 * - a child whose URL names a month outside the window (an archive of another month): dropped;
 * - children whose URL names a month inside the window come first (the study is often about the past, and the
 *   index lists recent sitemaps first), then the others by lastmod, most recent first.
 */
export function pickSitemaps(
  children: DiscoveredLink[],
  window: { from: string; to: string },
  max: number,
): DiscoveredLink[] {
  const fromMonth = window.from.slice(0, 7);
  const toMonth = window.to.slice(0, 7);
  const ranked: Array<{ link: DiscoveredLink; rank: number }> = [];
  for (const link of children) {
    const modified = link.modified ? isoDay(link.modified) : null;
    if (modified !== null && modified < window.from) continue;
    const month = URL_MONTH.exec(link.url);
    if (month) {
      const ym = `${month[1]}-${month[2]}`;
      if (ym < fromMonth || ym > toMonth) continue;
      ranked.push({ link, rank: 0 });
    } else {
      ranked.push({ link, rank: 1 });
    }
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || (b.link.modified ?? "").localeCompare(a.link.modified ?? ""))
    .slice(0, max)
    .map((r) => r.link);
}

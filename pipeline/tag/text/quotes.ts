/**
 * Quoted passages in every quotation style the study's languages use: “…” „…“ „…” «…» »…« "…" ‘…’ '…' and
 * dialogue dashes (a line opening with "—" or "–" is speech). Offsets are of the quoted content, marks excluded.
 */

export interface QuoteSpan {
  start: number;
  end: number;
  /** Number of words inside; short quotes around a word are scare quotes ("the “fraud”"). */
  words: number;
  style: string;
}

/** Longest quote we pair across (longer runs are more likely unbalanced marks). */
export const MAX_QUOTE_CHARS = 1200;

const PAIRS: Array<{ style: string; pattern: RegExp }> = [
  { style: "curly", pattern: /“([^“”\n]{1,1200})”/gu },
  { style: "low9", pattern: /„([^„“”\n]{1,1200})[“”]/gu },
  { style: "guillemets", pattern: /«\s?([^«»\n]{1,1200}?)\s?»/gu },
  { style: "reverse_guillemets", pattern: /»([^«»\n]{1,1200})«/gu },
  { style: "straight", pattern: /"([^"\n]{1,1200})"/gu },
  { style: "single_curly", pattern: /(?<![\p{L}\p{N}])‘([^‘’\n]{1,300}?)’(?![\p{L}\p{N}])/gu },
  { style: "single_straight", pattern: /(?<![\p{L}\p{N}])'([^'\n]{1,300}?)'(?![\p{L}\p{N}])/gu },
  { style: "dialogue_dash", pattern: /^[—–]\s?([^\n]{1,1200})$/gmu },
];

/** Finds quoted passages; overlapping finds keep the first style in PAIRS order. */
export function findQuotes(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  for (const { style, pattern } of PAIRS) {
    for (const m of text.matchAll(pattern)) {
      const inner = m[1] ?? "";
      const start = (m.index ?? 0) + m[0].indexOf(inner);
      const end = start + inner.length;
      if (spans.some((s) => start < s.end && end > s.start)) continue;
      const words = (inner.match(/[\p{L}\p{N}]+/gu) ?? []).length;
      if (words === 0) continue;
      spans.push({ start, end, words, style });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

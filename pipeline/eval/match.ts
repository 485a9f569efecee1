import { fold } from "../codebook/text.ts";

/**
 * Matching rules of the scorer (documented in docs/tagger.md):
 * - recognitions: the set of distinct (actor, stance) pairs per document;
 * - sources: names folded (accents, case, punctuation; parenthesised parts such as "(CNE)" kept as words) match
 *   when every word of the shorter name is a word of the longer one ("González" ~ "Edmundo González Urrutia",
 *   "CNE" ~ "Consejo Nacional Electoral (CNE)"); one-to-one, greedy in gold order;
 * - claims: evidence spans match when their character overlap is at least CLAIM_OVERLAP of the shorter span.
 */

export const CLAIM_OVERLAP = 0.5;

/** Function words ignored when comparing names ("the", "of", "de", "la" …). */
const NAME_STOPWORDS = new Set(
  "the of and de del la las los el da do das dos e y van der den het von di le les du des a o os as".split(" "),
);

export function nameWords(name: string): string[] {
  return (fold(name).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !NAME_STOPWORDS.has(w));
}

export function namesMatch(a: string, b: string): boolean {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.length === 0 || wb.length === 0) return false;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return short.every((w) => long.includes(w));
}

/** Greedy one-to-one matching in gold order; returns pairs [goldIndex, predIndex]. */
export function greedyMatch<G, P>(gold: G[], pred: P[], same: (g: G, p: P) => boolean): Array<[number, number]> {
  const used = new Set<number>();
  const pairs: Array<[number, number]> = [];
  gold.forEach((g, gi) => {
    const pi = pred.findIndex((p, i) => !used.has(i) && same(g, p));
    if (pi >= 0) {
      used.add(pi);
      pairs.push([gi, pi]);
    }
  });
  return pairs;
}

/** Locates an evidence string in a text (first occurrence; whitespace-tolerant fallback), or null. */
export function locate(text: string, evidence: string): [number, number] | null {
  const at = text.indexOf(evidence);
  if (at >= 0) return [at, at + evidence.length];
  const squeezed = evidence.trim();
  const at2 = text.indexOf(squeezed);
  return at2 >= 0 ? [at2, at2 + squeezed.length] : null;
}

/** True when two spans overlap by at least `ratio` of the shorter one. */
export function spansOverlap(a: [number, number], b: [number, number], ratio = CLAIM_OVERLAP): boolean {
  const overlap = Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
  const shorter = Math.min(a[1] - a[0], b[1] - b[0]);
  return shorter > 0 && overlap >= ratio * shorter;
}

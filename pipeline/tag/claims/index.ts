import type { ClaimTag } from "../../../core/records.ts";
import type { CompiledLanguage } from "../compile.ts";
import { findNumbers } from "../numbers/index.ts";
import type { Doc } from "../text/document.ts";
import type { Sentence } from "../text/sentences.ts";

/**
 * Check-worthy claims, one per sentence: a sentence of real prose (long enough, ending like a sentence, not a
 * question, not an opinion or prediction by its modal words) that states something — numbers make it a claim even
 * when short. Numbers are normalised per locale; a claim with numbers gets the codebook figure kind it reports.
 */

/** Words a sentence needs to count as prose rather than a caption, button or headline. */
export const MIN_CLAIM_WORDS = 10;
/** Words a line without final punctuation needs (headlines and captions are shorter). */
export const MIN_UNPUNCTUATED_WORDS = 14;
/** Sentences longer than this are page clutter run together, not one claim. */
export const MAX_CLAIM_WORDS = 90;
/** With numbers, a shorter sentence still counts. */
export const MIN_WORDS_WITH_NUMBER = 5;

const QUOTE_OPENING = /^["“”«»„‘'—–]/u;
/** A closing quotation mark after punctuation with no opening mark before it in the sentence. */
const QUOTE_TAIL = /^[^“«„"]*[.,!?…]["”»]/u;

export interface ClaimOptions {
  minWords?: number;
}

function isProse(s: Sentence, hasNumbers: boolean, minWords: number): boolean {
  const words = s.tokens.length;
  if (words > MAX_CLAIM_WORDS) return false;
  if (words < (hasNumbers ? MIN_WORDS_WITH_NUMBER : minWords)) return false;
  if (/\?\s*["”»’]?$/u.test(s.text)) return false;
  // A sentence that opens with a quotation mark or a dialogue dash is someone's speech, mostly opinion.
  if (QUOTE_OPENING.test(s.text)) return false;
  // The tail of a quotation split across sentences ("… no weakness,” Maduro said.") is speech as well.
  if (QUOTE_TAIL.test(s.text)) return false;
  const punctuated = /[.!;:…]["”»’)]?$/u.test(s.text);
  if (!punctuated && words < MIN_UNPUNCTUATED_WORDS) return false;
  return true;
}

/** Claims of a document in text order. */
export function tagClaims(doc: Doc, c: CompiledLanguage, options: ClaimOptions = {}): ClaimTag[] {
  const minWords = options.minWords ?? MIN_CLAIM_WORDS;
  const out: ClaimTag[] = [];
  for (const s of doc.sentences) {
    const numbers = findNumbers(s.text, doc.language).map((n) => n.value);
    if (!isProse(s, numbers.length > 0, minWords)) continue;
    if (c.notClaims.match(s.tokens).length > 0 && numbers.length === 0) continue;
    const kind = numbers.length > 0 ? figureKind(s, c) : null;
    out.push({
      evidence: s.text,
      start: s.start,
      end: s.end,
      numbers,
      kind,
      rule: numbers.length > 0 ? "claims.sentence.numbers" : "claims.sentence",
    });
  }
  return out;
}

function figureKind(s: Sentence, c: CompiledLanguage): string | null {
  let best: { order: number; kind: string } | null = null;
  for (const m of c.figures.match(s.tokens)) {
    const at = m.cue.data.indexOf(":");
    const order = Number(m.cue.data.slice(0, at));
    if (!best || order < best.order) best = { order, kind: m.cue.data.slice(at + 1) };
  }
  return best?.kind ?? null;
}

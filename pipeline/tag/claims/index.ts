import type { ClaimTag } from "../../../core/records.ts";
import type { CompiledLanguage } from "../compile.ts";
import { findNumbers } from "../numbers/index.ts";
import { MONTHS } from "../numbers/words.ts";
import type { Gazetteer } from "../recognitions/gazetteer.ts";
import { capitalisedNames } from "../sources/names.ts";
import type { Doc } from "../text/document.ts";
import type { Sentence } from "../text/sentences.ts";

/**
 * Check-worthy claims, one per sentence: a sentence of real prose (long enough, ending like a sentence, not a
 * question, not an opinion or prediction by its modal words) that states something — numbers make it a claim even
 * when short. Without numbers a sentence must say who did what (name an actor: a known actor, a country, a
 * capitalised name, an unnamed or role-named actor, or a date) and carry no quotation (quoted words are someone's speech, mostly opinion; the
 * verifiable part of a quotation is its numbers). Numbers are normalised per locale; a claim with numbers gets the
 * codebook figure kind it reports.
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
/** A closing curly quote or guillemet with no opening mark before it: the tail of a quotation ("…”, escribió en X"). */
const QUOTE_CLOSE_FIRST = /^[^“«„"]*[”»]/u;
/** Quotation marks of any style: a sentence without numbers that quotes someone is speech, not a check-worthy claim. */
const QUOTE_MARK = /["“”«»„]/u;
const MONTH_WORD = new RegExp(`(?<![\\p{L}])(?:${MONTHS})(?![\\p{L}])`, "iu");

export interface ClaimOptions {
  minWords?: number;
  /** Require an actor or date in claims without numbers (default true). */
  requireActor?: boolean;
  /** Leave out sentences without numbers that quote someone (default true). */
  skipQuoted?: boolean;
}

function isProse(s: Sentence, hasNumbers: boolean, minWords: number, language: string): boolean {
  const words = s.tokens.length;
  if (words > MAX_CLAIM_WORDS) return false;
  if (words < (hasNumbers ? MIN_WORDS_WITH_NUMBER : minWords)) return false;
  if (/\?\s*["”»’]?$/u.test(s.text)) return false;
  // A sentence that opens with a quotation mark or a dialogue dash is someone's speech, mostly opinion.
  if (QUOTE_OPENING.test(s.text)) return false;
  // The tail of a quotation split across sentences ("… no weakness,” Maduro said.") is speech as well.
  if (QUOTE_TAIL.test(s.text)) return false;
  if (language !== "de" && QUOTE_CLOSE_FIRST.test(s.text)) return false;
  const punctuated = /[.!;:…]["”»’)]?$/u.test(s.text);
  if (!punctuated && words < MIN_UNPUNCTUATED_WORDS) return false;
  return true;
}

/**
 * Who did what: a sentence without numbers is check-worthy only when it names an actor (a known actor, a country,
 * a capitalised name inside the sentence) or a date.
 */
function namesActor(doc: Doc, s: Sentence, c: CompiledLanguage, gazetteer: Gazetteer | undefined): boolean {
  if (c.known.match(s.tokens).length > 0) return true;
  // Unnamed and role-named actors count too ("independent observers said", "the police fired").
  if (c.anonymous.match(s.tokens).length > 0 || c.roles.match(s.tokens).length > 0) return true;
  if (gazetteer && gazetteer.find(s.tokens, doc.language).length > 0) return true;
  if (capitalisedNames(s, doc.text, c.notNames, doc.language).some((n) => n.first > 0)) return true;
  return MONTH_WORD.test(s.text);
}

/** Claims of a document in text order. */
export function tagClaims(
  doc: Doc,
  c: CompiledLanguage,
  options: ClaimOptions = {},
  gazetteer?: Gazetteer,
): ClaimTag[] {
  const minWords = options.minWords ?? MIN_CLAIM_WORDS;
  const out: ClaimTag[] = [];
  for (const s of doc.sentences) {
    const numbers = findNumbers(s.text, doc.language).map((n) => n.value);
    if (!isProse(s, numbers.length > 0, minWords, doc.language)) continue;
    if (numbers.length === 0) {
      if (c.notClaims.match(s.tokens).length > 0) continue;
      if ((options.skipQuoted ?? true) && QUOTE_MARK.test(s.text)) continue;
      if ((options.requireActor ?? true) && !namesActor(doc, s, c, gazetteer)) continue;
    }
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

import { fold } from "../../codebook/text.ts";
import type { CompiledLanguage } from "../compile.ts";
import type { CueMatch } from "../text/cues.ts";
import type { Doc } from "../text/document.ts";
import type { Sentence } from "../text/sentences.ts";
import type { Mention } from "./mentions.ts";

/**
 * Clause structure around a mention: whether it is an object (after a preposition, before a possessive), inside a
 * quotation, inside a relative clause, or a descriptor apposed to the subject. A speaker is none of these.
 */

/** Articles per language: skipped when looking for the preposition that makes a mention an object. */
export const ARTICLES = new Set(
  "the a an el la los las lo un una o os as um uma de het een le les l une der die das den dem des ein eine einem einen il gli i".split(
    " ",
  ),
);
/** Words skipped (articles, titles) before a mention when looking back for a preposition. */
export const OBJECT_LOOKBACK = 3;

/** Prepositions (and preposition + article) per language: a mention right after one is an object, not a speaker. */
export const PREPOSITIONS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries({
    en: "of in on at from to by for with about against into over under between",
    es: "de del en a al con por para sobre contra entre desde hacia",
    pt: "de do da dos das no na nos nas em ao aos pelo pela com por para sobre contra entre",
    nl: "van in op bij uit met voor tegen over naar door aan",
    fr: "de du des au aux dans sur avec pour contre par chez en entre",
    de: "von vom im am beim zum zur mit für gegen über aus bei nach in an auf",
    it: "di del dei della delle dello degli nel nella nei al alla alle allo dal dalla con per su tra fra da",
  }).map(([lang, words]) => [lang, new Set(words.split(" "))]),
);

/** Relative pronouns: "X, who once urged …", "Estados Unidos, que considera …" describe X, they do not quote it. */
export const RELATIVE_PRONOUNS = new Set("who which que qui che cui die dat welche welcher quien quienes".split(" "));

/**
 * A mention after a preposition ("the president of Brazil", "von Präsident Nicolás Maduro": articles and titles
 * between are skipped) or before a possessive ("Venezuela's law").
 */
export function isObject(doc: Doc, s: Sentence, c: CompiledLanguage, m: Mention, after = -1): boolean {
  const prepositions = PREPOSITIONS[doc.language];
  // `after`: the last word of an attribution phrase ("according to"), whose own preposition does not count.
  for (let i = m.first - 1, skipped = 0; i > after && skipped <= OBJECT_LOOKBACK; i--, skipped++) {
    const t = s.tokens[i];
    if (!t) break;
    if (prepositions?.has(t.folded)) return true;
    // Only articles and titles ("Präsident", "President") may stand between a preposition and its object.
    if (!(ARTICLES.has(t.folded) || c.notNames.has(t.raw)) || /[,;:]/u.test(doc.text.slice(t.end, m.start))) break;
  }
  return /^['’]s\b/u.test(doc.text.slice(m.end, m.end + 3));
}

/** A mention inside a quotation of more than `minWords` words (quoted people are not the speakers outside it). */
export function insideQuote(doc: Doc, m: Mention, minWords = 3): boolean {
  return doc.quotes.some((q) => q.words > minWords && m.start >= q.start && m.end <= q.end);
}

/**
 * A mention inside a relative clause between a subject and its verb ("A Casa Rosada, que já reconhece Edmundo
 * González …, classificou"): the clause opens with a comma and a relative pronoun and closes with a comma.
 * (Skipping appositions too — "X, the opposition candidate …, said" — cost more than it gained on every set.)
 */
export function inRelativeClause(doc: Doc, s: Sentence, m: Mention, v: CueMatch): boolean {
  const head = doc.text.slice(s.start, m.start);
  const comma = head.lastIndexOf(",");
  if (comma < 0 || !doc.text.slice(m.end, v.start).includes(",")) return false;
  const opener = head.slice(comma + 1).match(/^\s*([\p{L}]+)/u)?.[1];
  return opener !== undefined && RELATIVE_PRONOUNS.has(fold(opener));
}

/**
 * "Elon Musk, CEO de Tesla, cuestionó …": a capitalised descriptor between commas right before the verb is an
 * apposition of the subject before it, which is the speaker.
 */
export function apposedSubject(doc: Doc, named: Mention[], v: CueMatch): Mention[] {
  const last = named[named.length - 1];
  const prev = named[named.length - 2];
  if (!last || !prev || last.rank !== 2) return named;
  const verbStart = v.start;
  if (!/^\s*,\s*$/u.test(doc.text.slice(prev.end, last.start))) return named;
  if (!/^[^,;:.]*,\s*$/u.test(doc.text.slice(last.end, verbStart))) return named;
  return named.slice(0, -1);
}

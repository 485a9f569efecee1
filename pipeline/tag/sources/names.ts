import { fold } from "../../codebook/text.ts";
import { MONTHS } from "../numbers/words.ts";
import type { Sentence } from "../text/sentences.ts";
import type { Token } from "../text/tokens.ts";

/**
 * Capitalised-word sequences as candidate person and organisation names, for every language (compromise finds
 * English names, but the same rule serves all seven languages and keeps the engine uniform).
 */

/** Lower-case particles allowed inside a name between capitalised words ("Lula da Silva", "Padrino López"). */
export const NAME_PARTICLES = new Set([
  "de",
  "da",
  "do",
  "dos",
  "das",
  "del",
  "la",
  "van",
  "von",
  "der",
  "den",
  "di",
  "y",
  "e",
  "le",
  "du",
]);
/** Particles inside German names: no articles ("der", "den", "die"), which join nouns far more often. */
const GERMAN_PARTICLES = new Set([...NAME_PARTICLES].filter((w) => !["der", "den", "die", "das", "des"].includes(w)));
/** Longest name we accept, in words. */
export const MAX_NAME_WORDS = 6;

/** Capitalised function words (sentence openers) that never start a name, in the seven languages. */
const NOT_NAME_START = new Set(
  (
    "the a an in on at by for from with of to as after before since while when if but and or this that these those " +
    "el la los las un una en por para con sin tras desde según pero y o este esta " +
    "o os as um uma em no na por para com sem após desde segundo mas e ou " +
    "de het een in op bij met voor na volgens maar en of dit deze die " +
    "le la les un une en dans par pour avec sans après depuis selon mais et ou ce cette " +
    "der die das ein eine im am auf aus bei mit nach seit von vor zu laut aber und oder dieser diese " +
    "il lo gli i un una in nel per con senza dopo da secondo ma e o questo questa"
  ).split(" "),
);

export interface NameSpan {
  first: number;
  last: number;
  start: number;
  end: number;
  text: string;
}

const MONTH_WORDS = new Set(MONTHS.split("|"));

function isCap(t: Token): boolean {
  return /^\p{Lu}/u.test(t.raw) && !MONTH_WORDS.has(t.folded);
}

/** Capitalised sequences of a sentence; a single capitalised word opening the sentence is not a name by itself. */
export function capitalisedNames(s: Sentence, text: string, notNames: Set<string>, language = ""): NameSpan[] {
  // German capitalises every noun: "Bekanntgabe der Ergebnisse" is a noun phrase, so articles join no names there.
  const particles = language === "de" ? GERMAN_PARTICLES : NAME_PARTICLES;
  const out: NameSpan[] = [];
  const tokens = s.tokens;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (!isCap(t) || notNames.has(t.raw) || NOT_NAME_START.has(t.folded)) {
      i++;
      continue;
    }
    let last = i;
    let j = i + 1;
    while (j < tokens.length && last - i + 1 < MAX_NAME_WORDS) {
      const u = tokens[j] as Token;
      if (isCap(u) && !notNames.has(u.raw) && u.start - (tokens[j - 1] as Token).end <= 1) {
        last = j;
        j++;
        continue;
      }
      const next = tokens[j + 1];
      if (particles.has(u.raw) && next && isCap(next)) {
        last = j + 1;
        j += 2;
        continue;
      }
      break;
    }
    const firstToken = tokens[i] as Token;
    const lastToken = tokens[last] as Token;
    const atSentenceStart = i === 0;
    if (!(atSentenceStart && last === i)) {
      out.push({
        first: i,
        last,
        start: firstToken.start,
        end: lastToken.end,
        text: text.slice(firstToken.start, lastToken.end),
      });
    }
    i = last + 1;
  }
  return out;
}

/** Words of a name, folded, for comparing names ("Edmundo González Urrutia" ⊇ "González"). */
export function nameWords(name: string): string[] {
  return (fold(name).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !NAME_PARTICLES.has(w) && w.length > 1);
}

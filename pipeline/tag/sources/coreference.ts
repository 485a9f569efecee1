import type { CompiledLanguage } from "../compile.ts";
import type { Doc } from "../text/document.ts";
import type { Mention } from "./mentions.ts";
import { nameWords } from "./names.ts";

/**
 * One name, several forms: "González" is "Edmundo González Urrutia" when the text has the longer form (names are
 * compared by words), and a pronoun subject ("he said") refers to the last speaker or to a person the previous
 * sentence introduced.
 */

/** Whether a pronoun speaker may refer to a person only mentioned in an earlier sentence (not only to a speaker). */
export const COREFER_MENTIONED = true;

/** Two names are the same when every word of the shorter is a word of the longer. */
export function sameName(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length > 0 && short.every((w) => long.includes(w));
}

/** The longest name of the text that contains every word of `name` (coreference of "González"). */
export function fullest(name: string, names: string[]): string {
  const words = nameWords(name);
  let best = name;
  let bestLen = words.length;
  for (const n of names) {
    const w = nameWords(n);
    if (w.length > bestLen && words.every((x) => w.includes(x))) {
      best = n;
      bestLen = w.length;
    }
  }
  return best;
}

/** Every text form of each known actor found in the text, for the fullest-form lookup. */
export function knownForms(doc: Doc, c: CompiledLanguage): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const s of doc.sentences) {
    for (const m of c.known.match(s.tokens)) {
      const i = Number(m.cue.data);
      out.set(i, [...(out.get(i) ?? []), doc.text.slice(m.start, m.end)]);
    }
  }
  return out;
}

/**
 * The person a sentence introduces for a later "he said": its last known actor or multi-word capitalised name (not
 * in German, where capitalised runs are nouns as often as names).
 */
export function introducedPerson(ms: Mention[], language: string): Mention | undefined {
  if (!COREFER_MENTIONED) return undefined;
  return ms.filter((m) => (m.rank === 0 || (m.rank === 2 && language !== "de")) && nameWords(m.name).length >= 2).pop();
}

import { fold } from "../../codebook/text.ts";
import type { CompiledLanguage } from "../compile.ts";
import type { CueMatch } from "../text/cues.ts";
import type { Doc } from "../text/document.ts";
import { nounUse } from "../text/nouns.ts";
import { bareParticiple } from "../text/participles.ts";
import type { Sentence } from "../text/sentences.ts";

/**
 * Which speech-verb matches are speech acts, and in which voice: not a role noun ("reporter" ~ "reported"), not a
 * noun after a determiner, not a bare Romance participle (a modifier, `text/participles.ts`); passive when an auxiliary of the language
 * stands in the verb's clause.
 */

/** Auxiliaries of the passive voice per language (before a participle: "is charged", "fue proclamado"). */
export const PASSIVE_AUXILIARIES: Record<string, Set<string>> = Object.fromEntries(
  Object.entries({
    en: "is was were been being be",
    es: "fue fueron sido es son sera fuera",
    pt: "foi foram sido e sao sera",
    nl: "werd werden wordt worden",
    fr: "ete fut est sont sera serait etait",
    de: "wurde wurden wird worden",
    it: "stato stata stati state viene vengono venne",
  }).map(([lang, words]) => [lang, new Set(words.split(" "))]),
);
/** Words before a verb a passive auxiliary may be ("was officially charged", "è stato ufficialmente proclamato"). */
export const AUXILIARY_WINDOW = 3;

/** Verb-final languages put the passive auxiliary after the participle ("zum Sieger erklärt wurde"). */
const AUXILIARY_AFTER = new Set(["de", "nl"]);

/** Speech-verb matches of a sentence that are verbs: not role nouns, not nouns after a determiner, not participles. */
export function speechVerbs(doc: Doc, s: Sentence, c: CompiledLanguage): CueMatch[] {
  // A speech-verb word that is a role noun ("reporter" ~ "reported") or follows an article is a noun.
  const roles = c.roles.match(s.tokens).filter((r) => fold(r.cue.phrase) === fold(doc.text.slice(r.start, r.end)));
  return c.sourceVerbs
    .match(s.tokens)
    .filter(
      (v) =>
        !roles.some((r) => r.first <= v.first && r.last >= v.first) &&
        !nounUse(s.tokens, v, doc.language) &&
        !bareParticiple(doc, s, v),
    );
}

/**
 * A passive auxiliary in the verb's own clause: up to AUXILIARY_WINDOW words before it (or, in German and Dutch,
 * right after it), with no clause mark between ("… respektiert wird“, rief X" is not passive). "has been
 * denouncing" is progressive, not passive.
 */
export function isPassive(doc: Doc, s: Sentence, v: CueMatch): boolean {
  if (doc.language === "en" && /ing$/u.test(s.tokens[v.first]?.folded ?? "")) return false;
  const auxiliaries = PASSIVE_AUXILIARIES[doc.language];
  if (!auxiliaries) return false;
  const clean = (from: number, to: number) => !/[,;:"“”«»„]/u.test(doc.text.slice(from, to));
  for (let i = Math.max(0, v.first - AUXILIARY_WINDOW); i < v.first; i++) {
    const t = s.tokens[i];
    if (t && auxiliaries.has(t.folded) && clean(t.end, (s.tokens[v.first] as { start: number }).start)) return true;
  }
  if (AUXILIARY_AFTER.has(doc.language)) {
    const t = s.tokens[v.last + 1];
    if (t && auxiliaries.has(t.folded) && clean(v.end, t.start)) return true;
  }
  return false;
}

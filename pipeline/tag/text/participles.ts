import type { CueMatch } from "./cues.ts";
import type { Doc } from "./document.ts";
import type { Sentence } from "./sentences.ts";

/**
 * Romance past participles without an auxiliary: adjectives or reduced clauses ("la reelección proclamada por el
 * CNE", "il presidente, proclamato vincitore", "el resultado anunciado"), nobody's speech act. Shared by sources
 * (no speaker) and frames (no attribution).
 */

/** Past participles per language (Romance forms are distinct from finite verbs; en/nl/de ones are not). */
export const PARTICIPLE: Record<string, RegExp> = {
  es: /(?:ad|id)[oa]s?$/u,
  pt: /(?:ad|id)[oa]s?$/u,
  it: /(?:at|ut|it)[oaie]$/u,
  fr: /(?:é|ée|és|ées)$/u,
};
/** Auxiliaries of compound tenses and the passive before a participle ("ha dichiarato", "a été", "fue proclamado"). */
export const PARTICIPLE_AUXILIARIES = new Set(
  (
    "ha han he has hemos habia habian habria haya hayan fue fueron sido es son era eran sera esta estan estaba " +
    "tem tinha tinham havia foi foram e sao sera seria esta estao teria " +
    "a ont avait avaient aura est sont ete etait fut sera serait " +
    "ha hanno ho abbiamo aveva avevano avrebbe e sono era erano stato stata stati state viene vengono venne"
  ).split(" "),
);
/** Words before a participle its auxiliary may be ("è stato ufficialmente proclamato"). */
export const PARTICIPLE_AUXILIARY_WINDOW = 3;

/** True when the one-word match `v` is a Romance past participle with no auxiliary in the words before it. */
export function bareParticiple(doc: Doc, s: Sentence, v: CueMatch): boolean {
  const participle = PARTICIPLE[doc.language];
  const t = s.tokens[v.first];
  if (!participle || !t || !participle.test(t.folded) || v.last > v.first) return false;
  for (let i = Math.max(0, v.first - PARTICIPLE_AUXILIARY_WINDOW); i < v.first; i++) {
    if (PARTICIPLE_AUXILIARIES.has(s.tokens[i]?.folded ?? "")) return false;
  }
  return true;
}

import { fold } from "../../codebook/text.ts";
import type { CueMatch } from "./cues.ts";
import type { Token } from "./tokens.ts";

/**
 * Determiners per language (articles, article-prepositions, demonstratives, possessives): a speech-verb word right
 * after one is a noun ("la denuncia", "nel contesto", "this claim", "its refusal", "une déclaration"), not a verb.
 * Stems collide across noun and verb ("claim"/"claimed", "contesto"/"contesta"), so the word before decides.
 */
export const NOUN_MARKERS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries({
    en: "the a an this that these those its his her their our",
    es: "el la los las un una unos unas del al este esta estos estas su sus",
    pt: "o a os as um uma do da dos das no na nos nas ao pelo pela este esta seu sua seus suas",
    nl: "de het een deze dit zijn haar hun",
    fr: "le la les l un une du au aux ce cette ces son sa ses leur leurs",
    de: "der die das den dem des ein eine einen einem einer im am zum zur beim vom seine ihre",
    it: "il lo la i gli le l un una uno del della dei delle nel nella nei al alla dal dalla sul sulla suo sua",
  }).map(([lang, words]) => [lang, new Set(words.split(" "))]),
);

/**
 * Plural noun endings per language: a speech-verb stem match with one of these endings is a noun ("warnings",
 * "declaraciones", "declarações", "waarschuwingen", "déclarations", "Warnungen", "dichiarazioni") or an agent
 * noun ("manifestantes" ~ "manifestó", "reporters"), not a verb.
 */
export const NOUN_PLURAL_ENDINGS: Record<string, RegExp> = {
  en: /(?:ings|ments|tions|ers)$/u,
  es: /(?:ciones|mientos|antes|entes)$/u,
  pt: /(?:coes|mentos|antes|entes)$/u,
  nl: /(?:ingen|aties|anten|enten)$/u,
  fr: /(?:tions|ments|ants|ents)$/u,
  de: /(?:ungen|ionen|anten|enten)$/u,
  it: /(?:zioni|menti|anti|enti)$/u,
};

/** True when the word at `index` follows a determiner of `language` (a noun use of a verb-like word). */
export function afterDeterminer(tokens: readonly Token[], index: number, language: string): boolean {
  const prev = tokens[index - 1];
  return prev !== undefined && (NOUN_MARKERS[language]?.has(prev.folded) ?? false);
}

/**
 * A speech-verb match read as a noun: after a determiner, unless the word is written exactly as in the cue list
 * ("Lo riferisce", "la calificó": articles double as clitic pronouns in es/pt/fr/it, and a listed finite form is a
 * verb; "nel contesto" only shares a stem with "contesta").
 */
export function nounUse(tokens: readonly Token[], v: CueMatch, language: string): boolean {
  const word = fold(v.cue.phrase.split(/\s+/u)[0]?.replace(/^=/u, "") ?? "");
  const form = tokens[v.first]?.folded ?? "";
  if (form === word) return false;
  return afterDeterminer(tokens, v.first, language) || (NOUN_PLURAL_ENDINGS[language]?.test(form) ?? false);
}

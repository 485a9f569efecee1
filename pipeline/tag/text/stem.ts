import "./quiet.ts";
import natural from "natural";
import { fold } from "../../codebook/text.ts";

/**
 * Stems per language with natural's Porter stemmers, cached. Stems are folded (no accents, lower case) so a cue
 * written with or without accents matches the same words.
 */

/** Cache entries kept per language before the cache is reset (keeps memory flat over long runs). */
export const STEM_CACHE_LIMIT = 50_000;

interface Stemmer {
  stem(token: string): string;
}

const STEMMERS: Record<string, Stemmer> = {
  en: natural.PorterStemmer,
  es: natural.PorterStemmerEs,
  pt: natural.PorterStemmerPt,
  nl: natural.PorterStemmerNl,
  fr: natural.PorterStemmerFr,
  de: natural.PorterStemmerDe,
  it: natural.PorterStemmerIt,
};

const caches = new Map<string, Map<string, string>>();

/** Folded stem of a lower-case word in a language (the folded word itself for languages without a stemmer). */
export function stem(word: string, language: string): string {
  let cache = caches.get(language);
  if (!cache) {
    cache = new Map();
    caches.set(language, cache);
  }
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const stemmer = STEMMERS[language];
  let result: string;
  try {
    result = fold(stemmer ? stemmer.stem(word) : word);
  } catch {
    result = fold(word);
  }
  if (result.length === 0) result = fold(word);
  if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

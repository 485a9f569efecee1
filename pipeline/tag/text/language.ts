import { eld } from "eld/small";

/**
 * Language identification with eld (small n-gram model), restricted to the study's languages so a short or noisy
 * text cannot come out as a language the codebook has no cues for.
 */

/** Characters of the text used for detection: enough for a stable answer, bounded for speed. */
export const DETECT_SAMPLE_CHARS = 2000;

let subsetKey = "";

/** Detects the ISO 639-1 language of a text among `languages`; falls back to the first of them. */
export function detectLanguage(text: string, languages: readonly string[]): string {
  const key = languages.join(",");
  if (key !== subsetKey) {
    eld.setLanguageSubset([...languages]);
    subsetKey = key;
  }
  const found = eld.detect(text.slice(0, DETECT_SAMPLE_CHARS)).language;
  return languages.includes(found) ? found : (languages[0] ?? "en");
}

/** Normalises a declared language ("pt-BR", "ES") to the study's two-letter code, or null when not usable. */
export function normaliseLanguage(declared: string | undefined, languages: readonly string[]): string | null {
  if (!declared) return null;
  const code = declared.trim().slice(0, 2).toLowerCase();
  return languages.includes(code) ? code : null;
}

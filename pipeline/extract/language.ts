import { eld } from "eld/small";

/**
 * Language of the article text (ISO 639-1), detected with eld and checked against what the page declares
 * (`<html lang>`, og:locale, JSON-LD inLanguage). A reliable detection over the full language set wins; otherwise a
 * detector restricted to the study languages (plus the declared one) decides; a text too short for either falls
 * back to the declaration.
 */

/** The study languages: a restricted detector separates them better on short or mixed texts. */
export const STUDY_LANGUAGES = ["en", "es", "pt", "nl", "fr", "de", "it"];

/** Characters of text given to the detector (more adds time, not accuracy). */
export const DETECT_CHARS = 1000;
/** Below this many letters the text alone is not trusted over the page's declaration. */
export const MIN_LETTERS = 40;

const restricted = eld.newInstance();
restricted.setLanguageSubset(STUDY_LANGUAGES);

/** "pt-BR" → "pt"; anything that is not a language tag → null. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const m = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]+)*\s*$/i.exec(tag);
  return m?.[1] ? m[1].toLowerCase() : null;
}

export interface LanguageResult {
  language: string | null;
  source: string;
}

/** Decides the language of `text` given the page's declared language (may be null). */
export function detectLanguage(text: string, declared: string | null): LanguageResult {
  const sample = text.slice(0, DETECT_CHARS);
  const letters = sample.replace(/[^\p{L}]/gu, "").length;
  if (letters < MIN_LETTERS) {
    if (declared) return { language: declared, source: "declared" };
    const guess = restricted.detect(sample).language;
    return { language: guess || null, source: "text-short" };
  }
  const full = eld.detect(sample);
  if (full.language && full.isReliable()) {
    return { language: full.language, source: full.language === declared ? "text+declared" : "text" };
  }
  if (declared && !STUDY_LANGUAGES.includes(declared)) return { language: declared, source: "declared" };
  const study = restricted.detect(sample).language;
  if (study) return { language: study, source: study === declared ? "text+declared" : "text-study" };
  return { language: declared ?? (full.language || null), source: declared ? "declared" : "text" };
}

import { fold } from "../../codebook/text.ts";
import { stem } from "./stem.ts";

/** One word of the text with its offsets, folded form and stem. */
export interface Token {
  start: number;
  end: number;
  raw: string;
  folded: string;
  stem: string;
}

/**
 * Words: letters/digits runs, keeping inner apostrophes out (l'opposition → l, opposition) but dotted abbreviations
 * whole ("U.S.", "EE.UU."), so names like "U.S." survive. natural's WordTokenizer drops non-ASCII letters, hence our own.
 */
export const WORD_PATTERN = /\p{L}(?:\.\p{L})+\.?|[\p{L}\p{M}\p{N}]+(?:[-][\p{L}\p{M}\p{N}]+)*/gu;

/** Tokenises `text[start, end)` into words with absolute offsets. */
export function tokenize(text: string, language: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(WORD_PATTERN)) {
    const raw = m[0];
    const lower = raw.toLowerCase();
    const at = start + (m.index ?? 0);
    tokens.push({ start: at, end: at + raw.length, raw, folded: fold(raw), stem: stem(lower, language) });
  }
  return tokens;
}

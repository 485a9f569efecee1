/**
 * Text normalisation shared by every matcher: lower case, accents folded, typographic quotes and dashes unified.
 * Folding keeps string length per character where possible so offsets can be mapped back (see foldWithMap).
 */

const COMBINING_MARKS = /\p{M}+/gu;

/** Lower-cases and strips diacritics ("González" → "gonzalez"). */
export function fold(text: string): string {
  return text.normalize("NFD").replace(COMBINING_MARKS, "").toLowerCase();
}

/**
 * Folds text character by character and returns, for every folded UTF-16 unit, the index of the source unit it came
 * from, so a match in folded text maps back to an exact substring of the original.
 */
export function foldWithMap(text: string): { folded: string; map: number[] } {
  let folded = "";
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
    i += ch.length;
  }
  map.push(text.length);
  return { folded, map };
}

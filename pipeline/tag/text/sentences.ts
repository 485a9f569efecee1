import { type Token, tokenize } from "./tokens.ts";

/** A sentence (or a line that is not part of a sentence, such as a headline) with its words. */
export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
  tokens: Token[];
  /** Index of the paragraph (block of text between blank lines or line breaks). */
  paragraph: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(language: string): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) {
    s = new Intl.Segmenter(language, { granularity: "sentence" });
    segmenters.set(language, s);
  }
  return s;
}

/**
 * Splits a text into sentences: first into lines (crawled text keeps headlines and captions on lines of their own),
 * then each line with Intl.Segmenter. Spans are trimmed, so `text.slice(start, end)` is the sentence exactly.
 */
export function splitSentences(text: string, language: string): Sentence[] {
  const sentences: Sentence[] = [];
  let lineStart = 0;
  let paragraph = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim().length > 0) {
      for (const seg of segmenter(language).segment(line)) {
        const s = lineStart + seg.index;
        pushTrimmed(sentences, text, s, s + seg.segment.length, language, paragraph);
      }
      paragraph += 1;
    }
    lineStart = lineEnd + 1;
  }
  return mergeAbbreviations(sentences, text, language);
}

function pushTrimmed(out: Sentence[], text: string, start: number, end: number, language: string, paragraph: number) {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text[s] ?? "")) s++;
  while (e > s && /\s/u.test(text[e - 1] ?? "")) e--;
  if (e <= s) return;
  out.push({
    index: out.length,
    start: s,
    end: e,
    text: text.slice(s, e),
    tokens: tokenize(text, language, s, e),
    paragraph,
  });
}

/**
 * Intl.Segmenter breaks after abbreviations such as "p. m." or "Sr." or "U.S."; a "sentence" that ends in a short
 * abbreviation and is followed by one starting in lower case or a digit is joined with it.
 */
const ABBREVIATION_END = /(?:\b\p{L}{1,3}\.|\b\p{Lu}(?:\.\p{Lu})+\.)$/u;

function mergeAbbreviations(sentences: Sentence[], text: string, language: string): Sentence[] {
  const out: Sentence[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    if (prev && prev.paragraph === s.paragraph && ABBREVIATION_END.test(prev.text) && /^[\p{Ll}\p{N}]/u.test(s.text)) {
      const merged = { ...prev, end: s.end, text: text.slice(prev.start, s.end) };
      merged.tokens = tokenize(text, language, merged.start, merged.end);
      out[out.length - 1] = merged;
    } else {
      out.push({ ...s, index: out.length });
    }
  }
  return out;
}

import { findQuotes, type QuoteSpan } from "./quotes.ts";
import { type Sentence, splitSentences } from "./sentences.ts";

/** A text prepared once for every cue family: language, sentences with tokens, quoted passages. */
export interface Doc {
  text: string;
  language: string;
  sentences: Sentence[];
  quotes: QuoteSpan[];
}

/** Splits and tokenises a text in a known language. */
export function analyse(text: string, language: string): Doc {
  return { text, language, sentences: splitSentences(text, language), quotes: findQuotes(text) };
}

/** The quote that contains [start, end), if any. */
export function quoteAt(doc: Doc, start: number, end: number): QuoteSpan | null {
  for (const q of doc.quotes) {
    if (q.start > end) break;
    if (start >= q.start && end <= q.end) return q;
  }
  return null;
}

import type { SourcesSpec } from "../../codebook/schema.ts";
import type { CompiledLanguage } from "../compile.ts";
import type { Doc } from "../text/document.ts";
import type { Sentence } from "../text/sentences.ts";
import type { Mention } from "./mentions.ts";

/**
 * Unnamed speakers ("sources", "a senior Western diplomat", "fuentes", "ingewijden", "des ONG"): the codebook's
 * `sources.anonymous` list, typed `anonymousType`, named without the indefinite article.
 */

/** Rank of unnamed mentions: any named mention overlapping one wins. */
export const ANONYMOUS_RANK = 3;

/** A leading indefinite article of an unnamed speaker ("a source", "una fuente", "een bron", "eine Quelle"). */
const INDEFINITE_ARTICLE = /^(?:an?|una?|uno|uma?|une|een|eine?[mnrs]?)\s+/iu;

/** Unnamed-speaker mentions of a sentence. */
export function unnamedMentions(doc: Doc, s: Sentence, c: CompiledLanguage, spec: SourcesSpec): Mention[] {
  return c.anonymous.match(s.tokens).map((m) => ({
    first: m.first,
    last: m.last,
    start: m.start,
    end: m.end,
    // "a diplomat", "una fuente": the article is not part of the name.
    name: doc.text.slice(m.start, m.end).replace(INDEFINITE_ARTICLE, ""),
    type: spec.anonymousType,
    rank: ANONYMOUS_RANK,
  }));
}

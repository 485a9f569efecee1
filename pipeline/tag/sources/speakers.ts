import type { CompiledLanguage } from "../compile.ts";
import type { CueMatch } from "../text/cues.ts";
import type { Doc } from "../text/document.ts";
import type { Sentence } from "../text/sentences.ts";
import { AFTER_WINDOW, inverted, PRO_DROP, passiveAgent, postposedSpeaker } from "./after.ts";
import { apposedSubject, inRelativeClause, insideQuote, isObject, PREPOSITIONS } from "./grammar.ts";
import type { Mention } from "./mentions.ts";
import { isPassive, speechVerbs } from "./verbs.ts";

/**
 * The speakers of one sentence: the mention after each attribution or citation phrase, the holder of an opening
 * "Para X, …", the subject (or postposed speaker, or passive agent) of each speech verb, and, with no other anchor,
 * the first free mention outside a quotation of more than three words.
 */

/** A speaker found in a sentence, with the rule that found it. */
export interface Found {
  mention: Mention;
  sentence: Sentence;
  rule: string;
}

/** Personal pronouns that stand for the last named speaker ("he said", "dijo ella", "zei hij"). */
export const PRONOUNS = new Set(
  "he she they il elle ils elles er sie hij zij ze ele ela eles elas lui lei loro ella ellos ellas".split(" "),
);
/** Words before a speech verb a pronoun subject may be (or a sentence may start with the verb). */
export const PRONOUN_WINDOW = 2;
/** Words before a speech verb its subject may end. */
export const SUBJECT_WINDOW = 12;
/** Prepositions that open a sentence with the holder of a view ("Para Maduro, …", "Pour le CNE, …"). */
export const OPINION_OPENERS: Record<string, Set<string>> = {
  en: new Set(["for"]),
  es: new Set(["para"]),
  pt: new Set(["para"]),
  nl: new Set(["voor"]),
  fr: new Set(["pour"]),
  de: new Set(["fur"]),
  it: new Set(["per"]),
};
/** Words an opening holder of a view may span before its comma ("Pour Nicolas Maduro, le président en place, …"). */
export const OPENING_WINDOW = 6;

/** Speakers of a sentence; `previous` is the last speaker (or introduced person) for pronouns and pro-drop. */
export function speakers(
  doc: Doc,
  s: Sentence,
  c: CompiledLanguage,
  ms: Mention[],
  previous: Mention | undefined,
): Found[] {
  const out: Found[] = [];
  for (const p of c.sourcePhrases.match(s.tokens)) {
    const m = inverted(doc, s, ms, p.last, AFTER_WINDOW, c);
    if (m) out.push({ mention: m, sentence: s, rule: `sources.${p.cue.rule}` });
  }
  // "Para Maduro, …" / "Pour X, …" / "Für X, …": the opening names whose view the sentence gives.
  const open = openingSpeaker(doc, s, ms);
  if (open) out.push({ mention: open, sentence: s, rule: `sources.opening.${doc.language}` });
  for (const v of speechVerbs(doc, s, c)) {
    // Passive voice ("was declared … by the CNE", "a été contestée par la PUD"): the agent speaks, not the subject;
    // without an agent ("Maduro was proclaimed", "foi proclamado") nobody in the sentence spoke.
    if (isPassive(doc, s, v)) {
      const agent = passiveAgent(doc, s, ms, v);
      if (agent) out.push({ mention: agent, sentence: s, rule: `sources.${v.cue.rule}.agent` });
      continue;
    }
    const m = activeSpeaker(doc, s, c, ms, v, previous);
    if (m) out.push({ mention: m, sentence: s, rule: `sources.${v.cue.rule}${m === previous ? ".coreference" : ""}` });
  }
  if (out.length === 0) {
    const quote = doc.quotes.find((q) => q.words > 3 && q.start < s.end && q.end > s.start);
    if (quote) {
      const m = ms.find(
        (x) => (x.end <= quote.start || x.start >= quote.end) && !insideQuote(doc, x, 0) && !isObject(doc, s, c, x),
      );
      if (m) out.push({ mention: m, sentence: s, rule: `sources.quote.${quote.style}` });
    }
  }
  return out;
}

/** The speaker of an active speech verb: its subject, a bare name, a pronoun's referent, or a postposed speaker. */
function activeSpeaker(
  doc: Doc,
  s: Sentence,
  c: CompiledLanguage,
  ms: Mention[],
  v: CueMatch,
  previous: Mention | undefined,
): Mention | undefined {
  const before = ms.filter(
    (x) =>
      x.last < v.first &&
      v.first - x.last <= SUBJECT_WINDOW &&
      !insideQuote(doc, x) &&
      !isObject(doc, s, c, x) &&
      !inRelativeClause(doc, s, x, v),
  );
  const named = apposedSubject(
    doc,
    before.filter((x) => x.rank < 3),
    v,
  );
  // "he said" / V2 inversion "zei hij", "rief er … auf": a pronoun just before or just after the verb.
  const pronoun = s.tokens
    .slice(Math.max(0, v.first - PRONOUN_WINDOW), v.first + PRONOUN_WINDOW + 1)
    .some((t) => PRONOUNS.has(t.folded));
  const dropped = PRO_DROP.has(doc.language) && v.first === 0;
  return (
    named[named.length - 1] ??
    bareName(doc, s, c, v) ??
    before[before.length - 1] ??
    // A pronoun subject ("Hij riep de kiesraad op", "zei hij") is the last speaker, not the mention after the verb.
    (pronoun ? previous : undefined) ??
    postposedSpeaker(
      doc,
      s,
      c,
      ms,
      v,
      ms.some((x) => x.last < v.first),
    ) ??
    (dropped ? previous : undefined)
  );
}

/** The mention of a sentence opening "Para X, …" (a preposition, a named mention, then a comma). */
function openingSpeaker(doc: Doc, s: Sentence, ms: Mention[]): Mention | undefined {
  const first = s.tokens[0];
  if (!first || !OPINION_OPENERS[doc.language]?.has(first.folded)) return undefined;
  const m = ms.find((x) => x.first >= 1 && x.last <= OPENING_WINDOW && x.rank !== 3);
  if (!m) return undefined;
  const lead = doc.text.slice(first.end, m.start);
  const tail = doc.text.slice(m.end, m.end + 2);
  return !/[,;:.]/u.test(lead) && /^\s*,/u.test(tail) ? m : undefined;
}

/**
 * A lone capitalised word right before a speech verb ("Infobae cuenta que…", "Tajani said") is its speaker, except in
 * German, where every noun is capitalised, and for words that are never names.
 */
function bareName(doc: Doc, s: Sentence, c: CompiledLanguage, v: CueMatch): Mention | undefined {
  if (doc.language === "de" || v.first < 2) return undefined;
  const t = s.tokens[v.first - 1];
  if (!t || !/^\p{Lu}/u.test(t.raw) || c.notNames.has(t.raw) || /[,;:]/.test(doc.text.slice(t.end, v.start)))
    return undefined;
  // "in Petare riepen betogers op": a place after a preposition is not the subject.
  if (PREPOSITIONS[doc.language]?.has(s.tokens[v.first - 2]?.folded ?? "")) return undefined;
  return {
    first: v.first - 1,
    last: v.first - 1,
    start: t.start,
    end: t.end,
    name: t.raw,
    type: c.defaultSourceType,
    rank: 2,
  };
}

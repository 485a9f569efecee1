import type { FrameHit, FrameStance } from "../../../core/records.ts";
import type { CompiledLanguage } from "../compile.ts";
import type { CueMatch } from "../text/cues.ts";
import { type Doc, quoteAt } from "../text/document.ts";
import { nounUse } from "../text/nouns.ts";
import { bareParticiple } from "../text/participles.ts";
import type { Sentence } from "../text/sentences.ts";

/**
 * Frames and the text's own stance toward each. A frame cue makes the frame present; its sentence decides the
 * stance: refutation or denial in the text's own voice (no evidence, so-called, scare quotes, pretext, "no fraud",
 * "kein Putsch") → rejected; attribution (speech verbs, "according to", "allegations of", inside a quotation) →
 * reported; neither → endorsed. Per document, the guideline's precedence applies: rejected over reported, endorsed
 * over reported; a frame known only from own-voice report cues follows the side the text's own voice takes.
 */

/** Quotes of at most this many words around a frame word are scare quotes. */
export const SCARE_QUOTE_MAX_WORDS = 3;
/** A distancer ("so-called") this many words or fewer before a frame cue rejects it. */
export const DISTANCER_WINDOW = 2;
/** A report noun ("allegations of") this many words or fewer before a frame cue makes it reported. */
export const REPORT_NOUN_WINDOW = 3;
/** A refutation this many words or fewer before a frame cue rejects it ("no evidence of fraud"). */
export const REFUTATION_BEFORE = 3;
/** A refutation this many words or fewer after a frame cue rejects it ("the fraud claims are baseless"). */
export const REFUTATION_AFTER = 8;
/** A denial ("no", "not a", "aucune", "geen", "kein") this many words or fewer before a frame cue rejects it. */
export const DENIAL_WINDOW = 3;
/**
 * Doubt nouns per language (folded): a denial of doubt affirms ("no doubt of fraud", "sin duda", "kein Zweifel am
 * Betrug", "aucun doute", "geen twijfel", "nessun dubbio", "nenhuma dúvida").
 */
export const DOUBT_WORDS = new Set([
  "doubt",
  "doubts",
  "duda",
  "dudas",
  "duvida",
  "duvidas",
  "twijfel",
  "doute",
  "zweifel",
  "dubbio",
  "dubbi",
]);
/** A negator this many words or fewer before a speech verb negates it ("has never published", "no ha dicho"). */
export const NEGATED_VERB_WINDOW = 2;
/** Own-voice passages that must show a side before report-cue-only frames follow it (one may be a stray word). */
export const LEANING_MIN_HITS = 1;
/** Endorsed passages needed before the document's stance is endorsed (one stray sentence should not flip it). */
export const ENDORSED_MIN_HITS = 1;

export interface FrameOptions {
  endorsedMinHits?: number;
  /** Let frames stated only by own-voice report cues follow the text's leaning (default true). */
  sideTaking?: boolean;
  /** LEANING_MIN_HITS. */
  leaningMinHits?: number;
  /** DENIAL_WINDOW (a negative value turns denials off). */
  denialWindow?: number;
  /** NEGATED_VERB_WINDOW (a negative value lets negated speech verbs attribute). */
  negatedVerbWindow?: number;
}

interface SentenceContext {
  /** Speech verbs and recognition statements (someone else's position). */
  verbs: CueMatch[];
  /** Attribution phrases ("according to"): they attribute the whole sentence. */
  phrases: CueMatch[];
  nouns: CueMatch[];
  refutations: CueMatch[];
  distancers: CueMatch[];
  denials: CueMatch[];
  tokens: Sentence["tokens"];
}

function context(c: CompiledLanguage, s: Sentence, doc: Doc, options: FrameOptions): SentenceContext {
  const negatedWindow = options.negatedVerbWindow ?? NEGATED_VERB_WINDOW;
  // A verb-like word after a determiner is a noun ("this claim", "nel contesto", "la denuncia"); a bare Romance
  // participle is a modifier ("el resultado anunciado por el CNE"): neither is anyone's speech.
  // A negated speech verb ("has never published", "no dijo") attributes nothing to anyone.
  const negators = c.negators.match(s.tokens);
  const speech = c.attributionVerbs
    .match(s.tokens)
    .filter((v) => !negators.some((n) => n.last < v.first && v.first - n.last <= negatedWindow));
  const verbs = [...speech, ...c.stances.match(s.tokens)].filter(
    (v) => !nounUse(s.tokens, v, doc.language) && !bareParticiple(doc, s, v),
  );
  return {
    verbs,
    phrases: c.attributionPhrases.match(s.tokens),
    nouns: c.reportNouns.match(s.tokens),
    refutations: c.refutation.match(s.tokens),
    distancers: c.distancers.match(s.tokens),
    denials: c.denials.match(s.tokens),
    tokens: s.tokens,
  };
}

function near(a: CueMatch, m: CueMatch, window: number): boolean {
  return (
    (a.last < m.first && m.first - a.last <= window) ||
    (a.first > m.last && a.first - m.last <= 1) ||
    (a.first <= m.first && a.last >= m.last)
  );
}

/** Marks between a frame cue and a later speech verb that make the verb postposed ("…, said X", "…», dijo X"). */
const POSTPOSED_VERB = /[,;:"”»“«—–]/u;

/**
 * The speech that attributes a frame cue: an attribution phrase anywhere, a speech verb before the cue (its
 * complement holds the cue), or a postposed one after a clause mark. A verb in a later, unrelated clause does not.
 */
function speechFor(doc: Doc, ctx: SentenceContext, m: CueMatch): CueMatch | null {
  // "cited by the US-backed leader": a cue in the source's own description is not the reported content.
  const phrase = ctx.phrases.find((p) => !describesSource(doc, p, m));
  if (phrase) return phrase;
  // A recognition cue that is the frame cue itself ("the rightful winner", "resultado fraudulento") is the text's
  // own wording, not someone's statement; another verb in the sentence may still attribute it.
  const before = ctx.verbs.find(
    (v) =>
      (v.last < m.first || (v.first <= m.first && v.last >= m.last)) &&
      !(v.cue.rule.startsWith("recognitions.") && v.first <= m.last && v.last >= m.first),
  );
  if (before) return before;
  if (inRelativeClause(doc, m)) return null;
  return ctx.verbs.find((v) => v.first > m.last && postposed(doc, m, v)) ?? null;
}

/** Words a source's description may run after "according to"/"cited by" before the cue counts as its content. */
export const SOURCE_DESCRIPTION_WINDOW = 4;

function describesSource(doc: Doc, p: CueMatch, m: CueMatch): boolean {
  return (
    p.last < m.first && m.first - p.last <= SOURCE_DESCRIPTION_WINDOW && !/[,;:]/u.test(doc.text.slice(p.end, m.start))
  );
}

/** Words a postposed speech verb may stand after the clause mark that ends the quoted clause ("…», ha detto X"). */
export const POSTPOSED_GAP = 1;

/**
 * A speech verb after the cue is postposed ("…, said X", "…», dijo X") when the first clause mark after the cue is
 * followed by the verb within POSTPOSED_GAP words; a verb further on belongs to another clause.
 */
function postposed(doc: Doc, m: CueMatch, v: CueMatch): boolean {
  const between = doc.text.slice(m.end, v.start);
  const mark = between.search(POSTPOSED_VERB);
  if (mark < 0) return false;
  const words = between.slice(mark + 1).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length <= POSTPOSED_GAP;
}

/** Relative pronouns that open a clause describing a noun ("the State Department, which has backed coups, …"). */
const RELATIVE_OPENER = /,\s*(?:which|who|que|qui|che|die|dat|welche[rs]?|quien(?:es)?|cuyo|cuja?|dont)\s[^,;:]*$/iu;

/** A cue inside a relative clause opened by a comma: a later verb after the clause is the main clause's. */
function inRelativeClause(doc: Doc, m: CueMatch): boolean {
  const lineStart = doc.text.lastIndexOf("\n", m.start) + 1;
  return RELATIVE_OPENER.test(doc.text.slice(lineStart, m.start));
}

/** Every word capitalised (numbers aside): a title or a proper name. */
function isTitle(text: string): boolean {
  const words = text.match(/\p{L}+/gu) ?? [];
  return words.length > 1 && words.every((w) => /^\p{Lu}/u.test(w));
}

function hitStance(
  doc: Doc,
  ctx: SentenceContext,
  m: CueMatch,
  options: FrameOptions,
): { stance: FrameStance; why: string } {
  const speech = speechFor(doc, ctx, m);
  if (ctx.distancers.some((d) => d.last < m.first && m.first - d.last <= DISTANCER_WINDOW)) {
    return { stance: "rejected", why: "distancer" };
  }
  const quoted = quoteAt(doc, m.start, m.end);
  // A quoted proper name ("«Operación Tun Tun»", "“Operation Gideon”") is a name, neither scare quotes nor speech.
  const quote = quoted && isTitle(doc.text.slice(quoted.start, quoted.end)) ? null : quoted;
  // Scare quotes: a word or two quoted in the text's own voice ("the “fraud”"); quoted figures are not scare quotes.
  const scare = quote && quote.words <= SCARE_QUOTE_MAX_WORDS && !/\d/.test(doc.text.slice(quote.start, quote.end));
  if (scare && !speech) return { stance: "rejected", why: "scare_quotes" };
  // Refutation in the text's own voice rejects; inside someone's speech it is only reported.
  // "no evidence of fraud" (refutation just before) or "claims of fraud are baseless" (after, within the clause).
  const refutation = ctx.refutations.find(
    (r) =>
      (r.last < m.first && m.first - r.last <= REFUTATION_BEFORE) ||
      (r.first > m.last && r.first - m.last <= REFUTATION_AFTER) ||
      (r.first <= m.first && r.last >= m.last),
  );
  // Refutation in the text's own voice rejects; after a speech verb ("X said there is no evidence") it is reported.
  if (refutation && !(speech && speech.first < refutation.first)) {
    return { stance: "rejected", why: "refutation" };
  }
  // A denial right before the cue ("there was no fraud", "aucune fraude", "kein Putsch"): the same own-voice test.
  const denial = ctx.denials.find(
    (d) =>
      d.last < m.first &&
      m.first - d.last <= (options.denialWindow ?? DENIAL_WINDOW) &&
      !DOUBT_WORDS.has(ctx.tokens[d.last + 1]?.folded ?? ""),
  );
  if (denial && !(speech && speech.first < denial.first) && !quote) return { stance: "rejected", why: "denial" };
  if (speech) return { stance: "reported", why: "attribution" };
  if (ctx.nouns.some((n) => near(n, m, REPORT_NOUN_WINDOW))) return { stance: "reported", why: "report_noun" };
  if (quote) return { stance: "reported", why: "quotation" };
  if (m.cue.rule.includes(".report.")) return { stance: "reported", why: "report_cue" };
  return { stance: "endorsed", why: "own_voice" };
}

/** Frame hits of every sentence and the document-level frames. */
export function tagFrames(
  doc: Doc,
  c: CompiledLanguage,
  options: FrameOptions = {},
): { frames: Record<string, FrameStance>; hits: FrameHit[] } {
  const hits: FrameHit[] = [];
  for (const s of doc.sentences) {
    const matches = c.frames.match(s.tokens);
    const counters = c.counter.match(s.tokens);
    if (matches.length === 0 && counters.length === 0) continue;
    const ctx = context(c, s, doc, options);
    const seen = new Set<string>();
    for (const m of matches) {
      const frame = m.cue.data;
      const { stance, why } = hitStance(doc, ctx, m, options);
      const key = `${frame}|${stance}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ frame, stance, evidence: s.text, start: s.start, end: s.end, rule: `${m.cue.rule}.${why}` });
    }
    for (const m of counters) {
      // A counter-cue ("free and fair election") argues against the frame only in the text's own voice.
      if (speechFor(doc, ctx, m) || quoteAt(doc, m.start, m.end)) continue;
      const frame = m.cue.data;
      const key = `${frame}|rejected`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ frame, stance: "rejected", evidence: s.text, start: s.start, end: s.end, rule: m.cue.rule });
    }
  }
  return { frames: decide(hits, options, c.sides), hits };
}

/**
 * The side a text leans to: the sides implied by its own-voice endorsed or rejected hits of frames that have sides
 * (endorsing fraud or rejecting coup → opposition; the mirror → government). Null when none or more than one.
 */
function leaningOf(hits: FrameHit[], sides: CompiledLanguage["sides"], minHits: number): string | null {
  const found = new Map<string, number>();
  for (const h of hits) {
    if (h.stance === "reported") continue;
    for (const [side, stance] of Object.entries(sides[h.frame] ?? {})) {
      if (stance === h.stance) found.set(side, (found.get(side) ?? 0) + 1);
    }
  }
  if (found.size !== 1) return null;
  const [side, n] = [...found][0] ?? ["", 0];
  return n >= minHits ? side : null;
}

function decide(
  hits: FrameHit[],
  options: FrameOptions,
  sides: CompiledLanguage["sides"] = {},
): Record<string, FrameStance> {
  const leaning =
    options.sideTaking === false ? null : leaningOf(hits, sides, options.leaningMinHits ?? LEANING_MIN_HITS);
  const minEndorsed = options.endorsedMinHits ?? ENDORSED_MIN_HITS;
  const counts = new Map<string, Record<FrameStance, number>>();
  for (const h of hits) {
    const c = counts.get(h.frame) ?? { endorsed: 0, reported: 0, rejected: 0 };
    c[h.stance] += 1;
    counts.set(h.frame, c);
  }
  // Frames the text states only through own-voice report cues ("were arrested"): they follow the text's side.
  const ownVoiceReport = new Set(hits.filter((h) => h.rule.endsWith(".report_cue")).map((h) => h.frame));
  const frames: Record<string, FrameStance> = {};
  for (const [frame, c] of [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (c.rejected > 0) frames[frame] = "rejected";
    else if (c.endorsed >= minEndorsed) frames[frame] = "endorsed";
    else if (leaning && ownVoiceReport.has(frame)) frames[frame] = sides[frame]?.[leaning] ?? "reported";
    else frames[frame] = "reported";
  }
  return frames;
}

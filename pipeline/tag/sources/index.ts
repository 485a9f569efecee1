import type { SourceTag } from "../../../core/records.ts";
import type { SourcesSpec } from "../../codebook/schema.ts";
import type { CompiledLanguage } from "../compile.ts";
import type { Gazetteer } from "../recognitions/gazetteer.ts";
import type { CueMatch } from "../text/cues.ts";
import type { Doc } from "../text/document.ts";
import type { Sentence } from "../text/sentences.ts";
import { capitalisedNames, type NameSpan, nameWords } from "./names.ts";

/**
 * Sources: who the text quotes or cites. Anchors are speech verbs ("said", "dijo", "zei"), attribution phrases
 * ("according to", "según", "volgens") and quotations; the speaker is the nearest mention before a verb (its
 * subject), right after it ("…, dijo Maduro"), or right after an attribution phrase. Mentions are the codebook's
 * known actors, countries (their government speaks), capitalised names and unnamed speakers ("sources said").
 * The name is the fullest form of the same name in the text (coreference by shared words).
 */

/** Personal pronouns that stand for the last named speaker ("he said", "dijo ella", "zei hij"). */
export const PRONOUNS = new Set(
  "he she they il elle ils elles er sie hij zij ze ele ela eles elas lui lei loro ella ellos ellas".split(" "),
);
/** Words before a speech verb a pronoun subject may be (or a sentence may start with the verb). */
export const PRONOUN_WINDOW = 2;
/** Languages that drop subject pronouns ("Aseguró que…"): a sentence opening with a speech verb continues the last speaker. */
export const PRO_DROP = new Set(["es", "pt", "it"]);
/** Verb-second languages: the subject may follow the finite verb without a comma. */
export const VERB_SECOND = new Set(["de", "nl"]);
/** Marks before a verb that make a following name its postposed subject. */
const POSTPOSED_MARK = /[,"”»“«:—–]/u;
/** Prepositions that introduce the agent of a passive verb, in the seven languages. */
export const AGENT_PREPOSITIONS = new Set([
  "by",
  "por",
  "pelo",
  "pela",
  "pelos",
  "pelas",
  "par",
  "door",
  "von",
  "vom",
  "da",
  "dal",
  "dalla",
  "dai",
  "dalle",
]);
/** Auxiliaries of the passive voice in the seven languages (before a participle: "is charged", "fue proclamado"). */
export const PASSIVE_AUXILIARIES = new Set(
  (
    "is was were been being be fue fueron sido foi foram werd werden wordt worden ete fut wurde wurden wird worden " +
    "stato stata stati state viene vengono venne"
  ).split(" "),
);
/** Words after an agent preposition the agent may start ("by the country's attorney general Tarek William Saab"). */
export const AGENT_NAME_WINDOW = 6;
/** Words after a verb the agent preposition may come. */
export const AGENT_WINDOW = 3;
/** Words before a speech verb its subject may end. */
export const SUBJECT_WINDOW = 12;
/** Words after a speech verb or attribution phrase an inverted speaker may start. */
export const AFTER_WINDOW = 4;
/** Words around a name a role word ("minister", "analyst") may be to type it. */
export const ROLE_WINDOW = 5;
/** Government nouns that turn a demonym into a speaking country ("the Brazilian government"). */
export const GOVERNMENT_NOUNS = new Set([
  "government",
  "administration",
  "gobierno",
  "ejecutivo",
  "governo",
  "regering",
  "kabinet",
  "gouvernement",
  "regierung",
  "bundesregierung",
  "cancilleria",
  "chancellerie",
]);

/** Prepositions (and preposition + article) per language: a mention right after one is an object, not a speaker. */
export const PREPOSITIONS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries({
    en: "of in on at from to by for with about against into over under between",
    es: "de del en a al con por para sobre contra entre desde hacia",
    pt: "de do da dos das no na nos nas em ao aos pelo pela com por para sobre contra entre",
    nl: "van in op bij uit met voor tegen over naar door aan",
    fr: "de du des au aux dans sur avec pour contre par chez en entre",
    de: "von vom im am beim zum zur mit für gegen über aus bei nach in an auf",
    it: "di del dei della delle dello degli nel nella nei al alla alle allo dal dalla con per su tra fra da",
  }).map(([lang, words]) => [lang, new Set(words.split(" "))]),
);

interface Mention {
  first: number;
  last: number;
  start: number;
  end: number;
  name: string;
  type: string;
  rank: number;
}

export function mentions(
  doc: Doc,
  s: Sentence,
  c: CompiledLanguage,
  gazetteer: Gazetteer,
  spec: SourcesSpec,
  multiword: Set<string>,
  knownNames: Map<number, string[]>,
): Mention[] {
  const all: Mention[] = [];
  for (const m of c.known.match(s.tokens)) {
    const k = spec.known[Number(m.cue.data)];
    if (k)
      all.push({
        ...span(m),
        name: fullest(doc.text.slice(m.start, m.end), knownNames.get(Number(m.cue.data)) ?? []),
        type: k.type,
        rank: 0,
      });
  }
  for (const a of gazetteer.find(s.tokens)) {
    const next = s.tokens[a.last + 1];
    if (a.isName) {
      all.push({
        first: a.first,
        last: a.last,
        start: a.start,
        end: a.end,
        name: doc.text.slice(a.start, a.end),
        type: spec.countryType,
        rank: 1,
      });
    } else if (next && GOVERNMENT_NOUNS.has(next.folded)) {
      all.push({
        first: a.first,
        last: a.last + 1,
        start: a.start,
        end: next.end,
        name: doc.text.slice(a.start, next.end),
        type: spec.countryType,
        rank: 1,
      });
    }
  }
  for (const n of capitalisedNames(s, doc.text, c.notNames)) {
    // A lone capitalised word is a name only when the text also has a longer name with it ("Saab" → "Tarek
    // William Saab"); German capitalises every noun, and sentence words are often capitalised in headlines.
    if (n.first === n.last && !multiword.has(s.tokens[n.first]?.folded ?? "")) continue;
    all.push({ ...n, name: n.text, type: typeOf(n, s, c, gazetteer, spec), rank: 2 });
  }
  for (const m of c.anonymous.match(s.tokens)) {
    all.push({ ...span(m), name: doc.text.slice(m.start, m.end), type: spec.anonymousType, rank: 3 });
  }
  // Overlaps resolve to the better-ranked, then longer mention.
  all.sort((a, b) => a.rank - b.rank || b.last - b.first - (a.last - a.first) || a.first - b.first);
  const kept: Mention[] = [];
  for (const m of all) {
    const overlap = kept.find((k) => m.first <= k.last && m.last >= k.first);
    if (!overlap) kept.push(m);
  }
  return kept.sort((a, b) => a.first - b.first);
}

function span(m: CueMatch) {
  return { first: m.first, last: m.last, start: m.start, end: m.end };
}

function typeOf(n: NameSpan, s: Sentence, c: CompiledLanguage, gazetteer: Gazetteer, spec: SourcesSpec): string {
  const roles = c.roles
    .match(s.tokens)
    .filter(
      (r) => (r.last < n.first && n.first - r.last <= ROLE_WINDOW) || (r.first > n.last && r.first - n.last <= 3),
    );
  const role = roles.sort((a, b) => Math.abs(a.first - n.first) - Math.abs(b.first - n.first))[0];
  if (role) {
    const venezuelan = s.tokens
      .slice(Math.max(0, role.first - 3), role.last + 4)
      .some((t) => t.folded.startsWith("venez"));
    if (venezuelan && role.cue.data === spec.countryType) return "venezuelan_government";
    return role.cue.data;
  }
  const inside = gazetteer.find(s.tokens.slice(n.first, n.last + 1));
  if (inside.length > 0) return spec.countryType;
  return spec.defaultType;
}

interface Found {
  mention: Mention;
  sentence: Sentence;
  rule: string;
}

function speakers(doc: Doc, s: Sentence, c: CompiledLanguage, ms: Mention[], previous: Mention | undefined): Found[] {
  const out: Found[] = [];
  for (const p of c.attributionPhrases.match(s.tokens)) {
    const m = inverted(doc, ms, p.last);
    if (m) out.push({ mention: m, sentence: s, rule: `sources.${p.cue.rule}` });
  }
  for (const v of c.attributionVerbs.match(s.tokens)) {
    const before = ms.filter(
      (x) => x.last < v.first && v.first - x.last <= SUBJECT_WINDOW && !insideQuote(doc, x) && !isObject(doc, s, x),
    );
    // Passive voice ("was declared … by the CNE", "proclamé par le CNE"): the agent speaks, not the subject.
    const agent = passiveAgent(doc, s, ms, v);
    if (agent) {
      out.push({ mention: agent, sentence: s, rule: `sources.${v.cue.rule}.agent` });
      continue;
    }
    // Passive voice without an agent ("Maduro was proclaimed", "foi proclamado"): the subject did not speak.
    if (s.tokens.slice(Math.max(0, v.first - 2), v.first).some((t) => PASSIVE_AUXILIARIES.has(t.folded))) continue;
    const named = before.filter((x) => x.rank < 3);
    // "he said" / V2 inversion "zei hij", "rief er … auf": a pronoun just before or just after the verb.
    const pronoun = s.tokens
      .slice(Math.max(0, v.first - PRONOUN_WINDOW), v.first + PRONOUN_WINDOW + 1)
      .some((t) => PRONOUNS.has(t.folded));
    const dropped = PRO_DROP.has(doc.language) && v.first === 0;
    const m =
      named[named.length - 1] ??
      bareName(doc, s, c, v) ??
      before[before.length - 1] ??
      postposedSpeaker(doc, s, ms, v) ??
      (pronoun || dropped ? previous : undefined);
    if (m) out.push({ mention: m, sentence: s, rule: `sources.${v.cue.rule}${m === previous ? ".coreference" : ""}` });
  }
  if (out.length === 0) {
    const quote = doc.quotes.find((q) => q.words > 3 && q.start < s.end && q.end > s.start);
    if (quote) {
      const m = ms.find((x) => x.end <= quote.start || x.start >= quote.end);
      if (m) out.push({ mention: m, sentence: s, rule: `sources.quote.${quote.style}` });
    }
  }
  return out;
}

/** The speaker right after a verb or phrase; a role followed by a name ("zei oppositieleider Machado") is the name. */
function inverted(doc: Doc, ms: Mention[], after: number, window = AFTER_WINDOW): Mention | undefined {
  const i = ms.findIndex((x) => x.first > after && x.first - after <= window);
  if (i < 0) return undefined;
  const cur = ms[i] as Mention;
  const next = ms[i + 1];
  const apposed = next && next.first === cur.last + 1 && /^\s+$/u.test(doc.text.slice(cur.end, next.start));
  return apposed ? next : cur;
}

/**
 * A speaker after a speech verb only where the verb is postposed ("…”, said Blinken", "…, dijo Maduro") or opens
 * the sentence ("Dijo Maduro que…"); otherwise the mention after the verb is its object ("urged the CNE to…").
 */
function postposedSpeaker(doc: Doc, s: Sentence, ms: Mention[], v: CueMatch): Mention | undefined {
  const prev = s.tokens[v.first - 1];
  // In verb-second languages a sentence opening with anything else puts the subject right after the verb
  // ("Als Grund nannte die Behörde …", "Daarom zei de minister …").
  const opening =
    v.first === 0 ||
    VERB_SECOND.has(doc.language) ||
    POSTPOSED_MARK.test(doc.text.slice(prev ? prev.end : s.start, v.start));
  return opening ? inverted(doc, ms, v.first) : undefined;
}

/** The mention after an agent preposition right after a verb ("reported by Reuters", "proclamado por el CNE"). */
function passiveAgent(doc: Doc, s: Sentence, ms: Mention[], v: CueMatch): Mention | undefined {
  for (let i = v.last + 1; i <= v.last + AGENT_WINDOW && i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t && AGENT_PREPOSITIONS.has(t.folded)) return inverted(doc, ms, i, AGENT_NAME_WINDOW);
  }
  return undefined;
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

/** A mention after a preposition ("the president of Brazil") or before a possessive ("Venezuela's law"). */
function isObject(doc: Doc, s: Sentence, m: Mention): boolean {
  const prev = s.tokens[m.first - 1];
  if (prev && PREPOSITIONS[doc.language]?.has(prev.folded)) return true;
  return /^['’]s\b/u.test(doc.text.slice(m.end, m.end + 3));
}

function insideQuote(doc: Doc, m: Mention): boolean {
  return doc.quotes.some((q) => q.words > 3 && m.start >= q.start && m.end <= q.end);
}

/** Named (and unnamed) sources of a document, one per name, with the fullest form of the name in the text. */
export function tagSources(
  doc: Doc,
  c: CompiledLanguage,
  gazetteer: Gazetteer,
  spec: SourcesSpec | undefined,
): SourceTag[] {
  if (!spec) return [];
  const found: Found[] = [];
  const allNames: string[] = [];
  const multiword = new Set<string>();
  for (const s of doc.sentences) {
    for (const n of capitalisedNames(s, doc.text, c.notNames)) {
      if (n.last > n.first) for (const t of s.tokens.slice(n.first, n.last + 1)) multiword.add(t.folded);
    }
  }
  const knownNames = knownForms(doc, c);
  let lastPerson: Mention | undefined;
  for (const s of doc.sentences) {
    const ms = mentions(doc, s, c, gazetteer, spec, multiword, knownNames);
    for (const m of ms) if (m.rank <= 2) allNames.push(m.name);
    const spoken = speakers(doc, s, c, ms, lastPerson);
    found.push(...spoken);
    lastPerson = spoken.filter((f) => f.mention.rank < 3).pop()?.mention ?? lastPerson;
  }
  const out: SourceTag[] = [];
  for (const f of found) {
    const name = f.mention.rank === 3 ? f.mention.name : fullest(f.mention.name, allNames);
    const words = nameWords(name);
    if (words.length === 0) continue;
    const same = out.find((o) => sameName(nameWords(o.name), words));
    if (same) {
      if (words.length > nameWords(same.name).length) same.name = name;
      continue;
    }
    const s = f.sentence;
    out.push({ name, type: f.mention.type, evidence: s.text, start: s.start, end: s.end, rule: f.rule });
  }
  return out;
}

function sameName(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length > 0 && short.every((w) => long.includes(w));
}

/** The longest name of the text that contains every word of `name` (coreference of "González"). */
function fullest(name: string, names: string[]): string {
  const words = nameWords(name);
  let best = name;
  let bestLen = words.length;
  for (const n of names) {
    const w = nameWords(n);
    if (w.length > bestLen && words.every((x) => w.includes(x))) {
      best = n;
      bestLen = w.length;
    }
  }
  return best;
}

/** Every text form of each known actor found in the text, for the fullest-form lookup. */
function knownForms(doc: Doc, c: CompiledLanguage): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const s of doc.sentences) {
    for (const m of c.known.match(s.tokens)) {
      const i = Number(m.cue.data);
      out.set(i, [...(out.get(i) ?? []), doc.text.slice(m.start, m.end)]);
    }
  }
  return out;
}

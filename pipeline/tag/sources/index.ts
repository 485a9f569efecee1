import type { SourceTag } from "../../../core/records.ts";
import type { SourcesSpec } from "../../codebook/schema.ts";
import { fold } from "../../codebook/text.ts";
import type { CompiledLanguage } from "../compile.ts";
import type { Gazetteer } from "../recognitions/gazetteer.ts";
import type { CueMatch } from "../text/cues.ts";
import type { Doc } from "../text/document.ts";
import { nounUse } from "../text/nouns.ts";
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
/** Whether a pronoun speaker may refer to a person only mentioned in an earlier sentence (not only to a speaker). */
export const COREFER_MENTIONED = true;
/** Languages that drop subject pronouns ("Aseguró que…"): a sentence opening with a speech verb continues the last speaker. */
export const PRO_DROP = new Set(["es", "pt", "it"]);
/** Verb-second languages: the subject may follow the finite verb without a comma. */
export const VERB_SECOND = new Set(["de", "nl"]);
/** Marks before a verb that make a following name its postposed subject. */
const POSTPOSED_MARK = /[,"”»“«:—–]/u;
/**
 * Prepositions that introduce the agent of a passive verb, per language ("da"/"de" are "of" in pt/es/fr, so only the
 * agent forms count there).
 */
export const AGENT_PREPOSITIONS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries({
    en: "by",
    es: "por",
    pt: "por pelo pela pelos pelas",
    nl: "door",
    fr: "par",
    de: "von vom durch",
    it: "da dal dalla dallo dai dagli dalle",
  }).map(([lang, words]) => [lang, new Set(words.split(" "))]),
);
/** Auxiliaries of the passive voice per language (before a participle: "is charged", "fue proclamado"). */
export const PASSIVE_AUXILIARIES: Record<string, Set<string>> = Object.fromEntries(
  Object.entries({
    en: "is was were been being be",
    es: "fue fueron sido es son sera fuera",
    pt: "foi foram sido e sao sera",
    nl: "werd werden wordt worden",
    fr: "ete fut est sont sera serait etait",
    de: "wurde wurden wird worden",
    it: "stato stata stati state viene vengono venne",
  }).map(([lang, words]) => [lang, new Set(words.split(" "))]),
);
/** Words before a verb a passive auxiliary may be ("was officially charged", "è stato ufficialmente proclamato"). */
export const AUXILIARY_WINDOW = 3;
/** Words after an agent-less mention (a role or an object) an apposed name may start ("the minister of X, Y Z"). */
export const APPOSITION_WINDOW = 10;
/** Articles per language: skipped when looking for the preposition that makes a mention an object. */
export const ARTICLES = new Set(
  "the a an el la los las lo un una o os as um uma de het een le les l une der die das den dem des ein eine einem einen il gli i".split(
    " ",
  ),
);
/** Words skipped (articles, titles) before a mention when looking back for a preposition. */
export const OBJECT_LOOKBACK = 3;
/** Words after an agent preposition the agent may start ("by the country's attorney general Tarek William Saab"). */
export const AGENT_NAME_WINDOW = 6;
/** Words after a verb the agent preposition may come. */
export const AGENT_WINDOW = 3;
/** Words before a speech verb its subject may end. */
export const SUBJECT_WINDOW = 12;
/** Words after a speech verb or attribution phrase an inverted speaker may start. */
export const AFTER_WINDOW = 4;
/** Extra words a known actor may stand behind a verb or phrase (its description between). */
export const KNOWN_EXTRA_WINDOW = 2;
/** Words around a name a role word ("minister", "analyst") may be to type it. */
export const ROLE_WINDOW = 5;
/** Government nouns that turn a demonym into a speaking country ("the Brazilian government"). */
export const GOVERNMENT_NOUNS = new Set([
  "ministry",
  "ministerio",
  "ministerie",
  "ministere",
  "ministerium",
  "ministero",
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

/** A leading indefinite article of an unnamed speaker ("a source", "una fuente", "een bron", "eine Quelle"). */
const INDEFINITE_ARTICLE = /^(?:an?|una?|uno|uma?|une|een|eine?[mnrs]?)\s+/iu;

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
  for (const a of gazetteer.find(s.tokens, doc.language)) {
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
  const leading = all.slice();
  for (const found of capitalisedNames(s, doc.text, c.notNames, doc.language)) {
    // A role or actor word heading a capitalised run ("Oppositionsführerin Lena Brandt"): the name is the rest.
    const head = leading.find(
      (m) =>
        m.first === found.first &&
        m.last === m.first &&
        found.last - m.last >= 2 &&
        /^\p{Lu}/u.test(s.tokens[m.last + 1]?.raw ?? "") &&
        /^\s+$/u.test(doc.text.slice(m.end, s.tokens[m.last + 1]?.start ?? m.end)),
    );
    const n = head ? trimmed(found, s, doc.text, head.last + 1) : found;
    // A lone capitalised word is a name only when the text also has a longer name with it ("Saab" → "Tarek
    // William Saab"); German capitalises every noun, and sentence words are often capitalised in headlines.
    if (n.first === n.last && !multiword.has(s.tokens[n.first]?.folded ?? "")) continue;
    all.push({ ...n, name: n.text, type: typeOf(n, s, c, gazetteer, spec, doc.language), rank: 2 });
  }
  for (const m of c.anonymous.match(s.tokens)) {
    // "a diplomat", "una fuente": the article is not part of the name.
    const name = doc.text.slice(m.start, m.end).replace(INDEFINITE_ARTICLE, "");
    all.push({ ...span(m), name, type: spec.anonymousType, rank: 3 });
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

function trimmed(n: NameSpan, s: Sentence, text: string, first: number): NameSpan {
  const start = (s.tokens[first] as { start: number }).start;
  return { first, last: n.last, start, end: n.end, text: text.slice(start, n.end) };
}

function span(m: CueMatch) {
  return { first: m.first, last: m.last, start: m.start, end: m.end };
}

function typeOf(
  n: NameSpan,
  s: Sentence,
  c: CompiledLanguage,
  gazetteer: Gazetteer,
  spec: SourcesSpec,
  language: string,
): string {
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
  const inside = gazetteer.find(s.tokens.slice(n.first, n.last + 1), language);
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
  for (const p of c.sourcePhrases.match(s.tokens)) {
    const m = inverted(doc, s, ms, p.last, AFTER_WINDOW, c);
    if (m) out.push({ mention: m, sentence: s, rule: `sources.${p.cue.rule}` });
  }
  // "Para Maduro, …" / "Pour X, …" / "Für X, …": the opening names whose view the sentence gives.
  const open = openingSpeaker(doc, s, ms);
  if (open) out.push({ mention: open, sentence: s, rule: `sources.opening.${doc.language}` });
  // A speech-verb word that is a role noun ("reporter" ~ "reported") or follows an article is a noun.
  const roles = c.roles.match(s.tokens).filter((r) => fold(r.cue.phrase) === fold(doc.text.slice(r.start, r.end)));
  for (const v of c.sourceVerbs.match(s.tokens)) {
    if (roles.some((r) => r.first <= v.first && r.last >= v.first)) continue;
    if (nounUse(s.tokens, v, doc.language)) continue;
    if (bareParticiple(doc, s, v)) continue;
    const before = ms.filter(
      (x) =>
        x.last < v.first &&
        v.first - x.last <= SUBJECT_WINDOW &&
        !insideQuote(doc, x) &&
        !isObject(doc, s, c, x) &&
        !inRelativeClause(doc, s, x, v),
    );
    // "has been denouncing" is progressive, not passive.
    const progressive = doc.language === "en" && /ing$/u.test(s.tokens[v.first]?.folded ?? "");
    const passive = !progressive && isPassive(doc, s, v);
    // Passive voice ("was declared … by the CNE", "a été contestée par la PUD"): the agent speaks, not the subject.
    const agent = passive ? passiveAgent(doc, s, ms, v) : undefined;
    if (agent) {
      out.push({ mention: agent, sentence: s, rule: `sources.${v.cue.rule}.agent` });
      continue;
    }
    // Passive voice without an agent ("Maduro was proclaimed", "foi proclamado"): the subject did not speak.
    if (passive) continue;
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
    const m =
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
      (dropped ? previous : undefined);
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

/** Relative pronouns: "X, who once urged …", "Estados Unidos, que considera …" describe X, they do not quote it. */
export const RELATIVE_PRONOUNS = new Set("who which que qui che cui die dat welche welcher quien quienes".split(" "));

/**
 * A mention inside a relative clause between a subject and its verb ("A Casa Rosada, que já reconhece Edmundo
 * González …, classificou"): the clause opens with a comma and a relative pronoun and closes with a comma.
 * (Skipping appositions too — "X, the opposition candidate …, said" — cost more than it gained on every set.)
 */
function inRelativeClause(doc: Doc, s: Sentence, m: Mention, v: CueMatch): boolean {
  const head = doc.text.slice(s.start, m.start);
  const comma = head.lastIndexOf(",");
  if (comma < 0 || !doc.text.slice(m.end, v.start).includes(",")) return false;
  const opener = head.slice(comma + 1).match(/^\s*([\p{L}]+)/u)?.[1];
  return opener !== undefined && RELATIVE_PRONOUNS.has(fold(opener));
}

/** Past participles per language (Romance forms are distinct from finite verbs; en/nl/de ones are not). */
export const PARTICIPLE: Record<string, RegExp> = {
  es: /(?:ad|id)[oa]s?$/u,
  pt: /(?:ad|id)[oa]s?$/u,
  it: /(?:at|ut|it)[oaie]$/u,
  fr: /(?:é|ée|és|ées)$/u,
};
/** Auxiliaries of compound tenses and the passive before a participle ("ha dichiarato", "a été", "fue proclamado"). */
export const PARTICIPLE_AUXILIARIES = new Set(
  (
    "ha han he has hemos habia habian habria haya hayan fue fueron sido es son era eran sera esta estan estaba " +
    "tem tinha tinham havia foi foram e sao sera seria esta estao teria " +
    "a ont avait avaient aura est sont ete etait fut sera serait " +
    "ha hanno ho abbiamo aveva avevano avrebbe e sono era erano stato stata stati state viene vengono venne"
  ).split(" "),
);

/**
 * A Romance past participle with no auxiliary before it is an adjective or a reduced clause ("la reelección
 * proclamada por el CNE", "il presidente, proclamato vincitore"): it reports no one's speech.
 */
function bareParticiple(doc: Doc, s: Sentence, v: CueMatch): boolean {
  const participle = PARTICIPLE[doc.language];
  const t = s.tokens[v.first];
  if (!participle || !t || !participle.test(t.folded) || v.last > v.first) return false;
  for (let i = Math.max(0, v.first - AUXILIARY_WINDOW); i < v.first; i++) {
    if (PARTICIPLE_AUXILIARIES.has(s.tokens[i]?.folded ?? "")) return false;
  }
  return true;
}

/**
 * "Elon Musk, CEO de Tesla, cuestionó …": a capitalised descriptor between commas right before the verb is an
 * apposition of the subject before it, which is the speaker.
 */
function apposedSubject(doc: Doc, named: Mention[], v: CueMatch): Mention[] {
  const last = named[named.length - 1];
  const prev = named[named.length - 2];
  if (!last || !prev || last.rank !== 2) return named;
  const verbStart = v.start;
  if (!/^\s*,\s*$/u.test(doc.text.slice(prev.end, last.start))) return named;
  if (!/^[^,;:.]*,\s*$/u.test(doc.text.slice(last.end, verbStart))) return named;
  return named.slice(0, -1);
}

/** Verb-final languages put the passive auxiliary after the participle ("zum Sieger erklärt wurde"). */
const AUXILIARY_AFTER = new Set(["de", "nl"]);

/**
 * A passive auxiliary in the verb's own clause: up to AUXILIARY_WINDOW words before it (or, in German and Dutch,
 * right after it), with no clause mark between ("… respektiert wird“, rief X" is not passive).
 */
function isPassive(doc: Doc, s: Sentence, v: CueMatch): boolean {
  const auxiliaries = PASSIVE_AUXILIARIES[doc.language];
  if (!auxiliaries) return false;
  const clean = (from: number, to: number) => !/[,;:"“”«»„]/u.test(doc.text.slice(from, to));
  for (let i = Math.max(0, v.first - AUXILIARY_WINDOW); i < v.first; i++) {
    const t = s.tokens[i];
    if (t && auxiliaries.has(t.folded) && clean(t.end, (s.tokens[v.first] as { start: number }).start)) return true;
  }
  if (AUXILIARY_AFTER.has(doc.language)) {
    const t = s.tokens[v.last + 1];
    if (t && auxiliaries.has(t.folded) && clean(v.end, t.start)) return true;
  }
  return false;
}

/**
 * The speaker right after a verb or phrase (not inside a quotation). A role followed by a name ("zei
 * oppositieleider Machado") is the name; a role phrase with an apposed name ("según el ministro de Defensa, Vladimir
 * Padrino López", "laut dem Sprecher des Sicherheitsrates der USA, John Kirby") is the apposed name.
 */
function inverted(
  doc: Doc,
  s: Sentence,
  ms: Mention[],
  after: number,
  window = AFTER_WINDOW,
  c?: CompiledLanguage,
): Mention | undefined {
  const free = ms.filter((x) => x.first > after && !insideQuote(doc, x, 0));
  // A known actor may stand a little further behind its description ("riferisce l'Organizzazione non governativa Provea").
  const i = free.findIndex((x) => x.first - after <= (x.rank === 0 ? window + KNOWN_EXTRA_WINDOW : window));
  const cur = free[i];
  const apposed = appositionAfter(doc, s, free, after);
  if (i < 0 || !cur) return apposed;
  if (apposed && apposed !== cur && (cur.rank > 0 || (c && isObject(doc, s, c, cur, after)))) return apposed;
  const next = free[i + 1];
  const adjacent = next && next.first === cur.last + 1 && /^\s+$/u.test(doc.text.slice(cur.end, next.start));
  return adjacent ? next : cur;
}

/** A named mention after a role phrase and a comma, with no clause break between ("the minister of X, Y Z"). */
function appositionAfter(doc: Doc, s: Sentence, ms: Mention[], after: number): Mention | undefined {
  const from = s.tokens[after]?.end ?? s.start;
  for (const m of ms) {
    if (m.first - after > APPOSITION_WINDOW) break;
    if (m.rank === 3 || m.rank === 1) continue;
    const between = doc.text.slice(from, m.start);
    if (/,\s*$/u.test(between) && (between.match(/,/g) ?? []).length === 1 && !/[.;:!?"“”«»()]/u.test(between)) {
      return m;
    }
  }
  return undefined;
}

/**
 * A speaker after a speech verb only where the verb is postposed ("…”, said Blinken", "…, dijo Maduro"), opens
 * the sentence ("Dijo Maduro que…") or, in languages that invert subject and verb freely (es, pt, it), opens its
 * clause with no mention before it ("Lo ha dichiarato John Kirby", "afirmou o ministro"); otherwise the mention
 * after the verb is its object ("urged the CNE to…").
 */
function postposedSpeaker(
  doc: Doc,
  s: Sentence,
  c: CompiledLanguage,
  ms: Mention[],
  v: CueMatch,
  mentionBefore: boolean,
): Mention | undefined {
  const prev = s.tokens[v.first - 1];
  // In verb-second languages a sentence opening with anything else puts the subject right after the verb
  // ("Als Grund nannte die Behörde …", "Daarom zei de minister …").
  const opening =
    v.first === 0 ||
    VERB_SECOND.has(doc.language) ||
    POSTPOSED_MARK.test(doc.text.slice(prev ? prev.end : s.start, v.start)) ||
    (PRO_DROP.has(doc.language) && !mentionBefore);
  if (!opening) return undefined;
  // From the finite verb: a split verb holds its subject in the gap ("teilte Oppositionsführerin X mit").
  const m = inverted(doc, s, ms, v.first, AFTER_WINDOW + (v.last - v.first), c);
  return m && !isObject(doc, s, c, m) ? m : undefined;
}

/** The mention after an agent preposition right after a verb ("reported by Reuters", "proclamado por el CNE"). */
function passiveAgent(doc: Doc, s: Sentence, ms: Mention[], v: CueMatch): Mention | undefined {
  const agents = AGENT_PREPOSITIONS[doc.language];
  for (let i = v.last + 1; i <= v.last + AGENT_WINDOW && i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t && agents?.has(t.folded)) return inverted(doc, s, ms, i, AGENT_NAME_WINDOW);
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

/**
 * A mention after a preposition ("the president of Brazil", "von Präsident Nicolás Maduro": articles and titles
 * between are skipped) or before a possessive ("Venezuela's law").
 */
function isObject(doc: Doc, s: Sentence, c: CompiledLanguage, m: Mention, after = -1): boolean {
  const prepositions = PREPOSITIONS[doc.language];
  // `after`: the last word of an attribution phrase ("according to"), whose own preposition does not count.
  for (let i = m.first - 1, skipped = 0; i > after && skipped <= OBJECT_LOOKBACK; i--, skipped++) {
    const t = s.tokens[i];
    if (!t) break;
    if (prepositions?.has(t.folded)) return true;
    // Only articles and titles ("Präsident", "President") may stand between a preposition and its object.
    if (!(ARTICLES.has(t.folded) || c.notNames.has(t.raw)) || /[,;:]/u.test(doc.text.slice(t.end, m.start))) break;
  }
  return /^['’]s\b/u.test(doc.text.slice(m.end, m.end + 3));
}

function insideQuote(doc: Doc, m: Mention, minWords = 3): boolean {
  return doc.quotes.some((q) => q.words > minWords && m.start >= q.start && m.end <= q.end);
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
    for (const n of capitalisedNames(s, doc.text, c.notNames, doc.language)) {
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
    // "he said" refers to the last speaker, or to a person the previous sentence introduced without quoting.
    const introduced = COREFER_MENTIONED
      ? ms
          .filter((m) => (m.rank === 0 || (m.rank === 2 && doc.language !== "de")) && nameWords(m.name).length >= 2)
          .pop()
      : undefined;
    lastPerson = spoken.filter((f) => f.mention.rank < 3).pop()?.mention ?? introduced ?? lastPerson;
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

import type { CompiledLanguage } from "../compile.ts";
import type { CueMatch } from "../text/cues.ts";
import type { Doc } from "../text/document.ts";
import type { Sentence } from "../text/sentences.ts";
import { insideQuote, isObject } from "./grammar.ts";
import type { Mention } from "./mentions.ts";

/**
 * Speakers after their anchor: after an attribution phrase ("según el ministro de Defensa, X"), after a postposed
 * or inverted verb ("…”, said Blinken", "Lo ha dichiarato X", "teilte Oppositionssprecherin X mit") and the agent of
 * a passive verb ("was charged by X").
 */

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
/** Words after an agent-less mention (a role or an object) an apposed name may start ("the minister of X, Y Z"). */
export const APPOSITION_WINDOW = 10;
/** Words after an agent preposition the agent may start ("by the country's attorney general Tarek William Saab"). */
export const AGENT_NAME_WINDOW = 6;
/** Words after a verb the agent preposition may come. */
export const AGENT_WINDOW = 3;
/** Words after a speech verb or attribution phrase an inverted speaker may start. */
export const AFTER_WINDOW = 4;
/** Extra words a known actor may stand behind a verb or phrase (its description between). */
export const KNOWN_EXTRA_WINDOW = 2;

/**
 * The speaker right after a verb or phrase (not inside a quotation). A role followed by a name ("zei
 * oppositieleider Machado") is the name; a role phrase with an apposed name ("según el ministro de Defensa, Vladimir
 * Padrino López", "laut dem Sprecher des Sicherheitsrates der USA, John Kirby") is the apposed name.
 */
export function inverted(
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
export function postposedSpeaker(
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
export function passiveAgent(doc: Doc, s: Sentence, ms: Mention[], v: CueMatch): Mention | undefined {
  const agents = AGENT_PREPOSITIONS[doc.language];
  for (let i = v.last + 1; i <= v.last + AGENT_WINDOW && i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t && agents?.has(t.folded)) return inverted(doc, s, ms, i, AGENT_NAME_WINDOW);
  }
  return undefined;
}

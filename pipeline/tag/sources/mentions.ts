import type { SourcesSpec } from "../../codebook/schema.ts";
import type { CompiledLanguage } from "../compile.ts";
import type { Gazetteer } from "../recognitions/gazetteer.ts";
import type { CueMatch } from "../text/cues.ts";
import type { Doc } from "../text/document.ts";
import type { Sentence } from "../text/sentences.ts";
import { unnamedMentions } from "./anonymous.ts";
import { fullest } from "./coreference.ts";
import { capitalisedNames, type NameSpan, nameWords } from "./names.ts";

/**
 * Who a sentence mentions, each with a type: the codebook's known actors (rank 0), countries whose government
 * speaks (rank 1), capitalised names (rank 2, typed by a nearby role word) and unnamed speakers (rank 3).
 * Overlapping mentions resolve to the better rank, then the longer span.
 */

export interface Mention {
  first: number;
  last: number;
  start: number;
  end: number;
  name: string;
  type: string;
  /** 0 known actor, 1 country, 2 capitalised name, 3 unnamed. */
  rank: number;
}

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

/** Prepositions joining a government noun to its country ("the government of Chile", "governo di Caracas"). */
export const GOVERNMENT_OF = new Set(["of", "de", "del", "do", "da", "di", "du", "von", "van"]);

/** The mentions of one sentence, left to right. */
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
        name: declined(doc.text.slice(m.start, m.end), k.name)
          ? k.name
          : fullest(doc.text.slice(m.start, m.end), knownNames.get(Number(m.cue.data)) ?? []),
        type: k.type,
        rank: 0,
      });
  }
  for (const a of gazetteer.find(s.tokens, doc.language)) {
    const next = s.tokens[a.last + 1];
    // A government noun before its country, as Romance languages put the demonym ("le gouvernement colombien",
    // "il governo spagnolo") or with a preposition ("el gobierno de Chile"): the government speaks, not an object.
    const before = s.tokens[a.first - 1];
    const noun = before && GOVERNMENT_OF.has(before.folded) ? s.tokens[a.first - 2] : before;
    const nounAt = noun === before ? a.first - 1 : a.first - 2;
    if (noun && GOVERNMENT_NOUNS.has(noun.folded) && (a.isName || noun === before)) {
      all.push({
        first: nounAt,
        last: a.last,
        start: noun.start,
        end: a.end,
        name: doc.text.slice(noun.start, a.end),
        type: spec.countryType,
        rank: 1,
      });
    } else if (a.isName) {
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
  all.push(...unnamedMentions(doc, s, c, spec));
  // Overlaps resolve to the better-ranked, then longer mention.
  all.sort((a, b) => a.rank - b.rank || b.last - b.first - (a.last - a.first) || a.first - b.first);
  const kept: Mention[] = [];
  for (const m of all) {
    const overlap = kept.find((k) => m.first <= k.last && m.last >= k.first);
    if (!overlap) kept.push(m);
  }
  return kept.sort((a, b) => a.first - b.first);
}

/** Endings by which a declined form differs from its base ("Auswärtigen Amt" ~ "Auswärtiges Amt"). */
export const DECLENSION_ENDINGS = new Set(["e", "en", "es", "er", "em", "n", "s"]);

/**
 * Whether a text form is the known actor's name with declined word endings (German adjectives after an article):
 * the guideline normalises such variants to the name, so "dem Auswärtigen Amt" is the "Auswärtiges Amt".
 */
export function declined(form: string, name: string): boolean {
  const a = nameWords(form);
  const b = nameWords(name);
  if (a.length !== b.length || a.length < 2 || a.join(" ") === b.join(" ")) return false;
  return a.every((w, i) => {
    const v = b[i] ?? "";
    if (w === v) return true;
    const [short, long] = w.length <= v.length ? [w, v] : [v, w];
    const base = short.replace(/(e|en|es|er|em|n|s)$/u, "");
    if (base.length < 4 || !long.startsWith(base)) return false;
    return (
      DECLENSION_ENDINGS.has(long.slice(base.length)) &&
      (short === base || DECLENSION_ENDINGS.has(short.slice(base.length)))
    );
  });
}

function trimmed(n: NameSpan, s: Sentence, text: string, first: number): NameSpan {
  const start = (s.tokens[first] as { start: number }).start;
  return { first, last: n.last, start, end: n.end, text: text.slice(start, n.end) };
}

function span(m: CueMatch) {
  return { first: m.first, last: m.last, start: m.start, end: m.end };
}

/** A name's type: from a role word near it, else a country inside it (its government), else the default type. */
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

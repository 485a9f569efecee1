import type { SourcesSpec } from "../../codebook/schema.ts";
import type { CompiledLanguage } from "../compile.ts";
import type { Gazetteer } from "../recognitions/gazetteer.ts";
import type { CueMatch } from "../text/cues.ts";
import type { Doc } from "../text/document.ts";
import type { Sentence } from "../text/sentences.ts";
import { unnamedMentions } from "./anonymous.ts";
import { fullest } from "./coreference.ts";
import { capitalisedNames, type NameSpan } from "./names.ts";

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

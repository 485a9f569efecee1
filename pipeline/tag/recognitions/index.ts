import type { RecognitionTag } from "../../../core/records.ts";
import type { RecognitionSpec } from "../../codebook/schema.ts";
import type { CompiledLanguage } from "../compile.ts";
import type { CueMatch } from "../text/cues.ts";
import type { Doc } from "../text/document.ts";
import type { Sentence } from "../text/sentences.ts";
import type { ActorMention, Gazetteer } from "./gazetteer.ts";

/**
 * Recognition statements: a sentence with an actor (country or organisation) and a stance cue. Each actor takes the
 * nearest stance cue after it (its predicate), or before it when the actor follows ("…, said Brazil"). Lists of
 * countries give one item each. `target: winner` cues ("recognised", "congratulated") resolve to the winner named
 * after them; a negator just before them ("did not recognise") gives the group's negated stance.
 */

/** Words a negator may stand before a stance cue and still negate it. */
export const NEGATION_WINDOW = 3;
/** Words before a stance cue a winner may be named (objects before verb-final predicates). */
export const WINNER_BEFORE_WINDOW = 6;
/** Words after an actor its predicate may start. */
export const PREDICATE_WINDOW = 30;

interface Stance {
  stance: string;
  match: CueMatch;
  priority: number;
}

function stancesOf(s: Sentence, c: CompiledLanguage, spec: RecognitionSpec): Stance[] {
  const matches = c.stances.match(s.tokens);
  const negators = c.negators.match(s.tokens);
  const winners = c.winners.match(s.tokens);
  const objects = c.stanceObjects.match(s.tokens);
  const out: Stance[] = [];
  for (const m of matches) {
    const priority = Number(m.cue.data);
    const group = spec.stances[priority];
    if (!group) continue;
    if (
      group.requires &&
      Object.keys(group.requires).length > 0 &&
      !objects.some((o) => o.cue.data === m.cue.data && o.first > m.last)
    )
      continue;
    // A cue inside a longer match of a group tried earlier ("not recognise" ⊃ "recognise") is that group's.
    if (matches.some((o) => Number(o.cue.data) < priority && o.first <= m.first && o.last >= m.last)) continue;
    let stance = group.stance ?? spec.defaultWinnerStance ?? "";
    if (group.target === "winner") {
      // The winner named after the cue, or (verb-final clauses: "… González als winnaar erkend") just before it.
      const w =
        winners.find((x) => x.first >= m.first) ??
        [...winners].reverse().find((x) => x.last < m.first && m.first - x.last <= WINNER_BEFORE_WINDOW);
      stance = w ? w.cue.data : (spec.defaultWinnerStance ?? stance);
    }
    if (group.negated && negators.some((n) => n.last < m.first && m.first - n.last <= NEGATION_WINDOW)) {
      stance = group.negated;
    }
    if (stance) out.push({ stance, match: m, priority });
  }
  return out;
}

/** Recognition statements of a document, one per (actor, stance), first evidence kept. */
export function tagRecognitions(
  doc: Doc,
  c: CompiledLanguage,
  gazetteer: Gazetteer,
  spec: RecognitionSpec | undefined,
): RecognitionTag[] {
  if (!spec) return [];
  const out: RecognitionTag[] = [];
  const seen = new Set<string>();
  for (const s of doc.sentences) {
    const stances = stancesOf(s, c, spec);
    if (stances.length === 0) continue;
    const actors = gazetteer.find(s.tokens, doc.language);
    if (actors.length === 0) continue;
    const firstCue = Math.min(...stances.map((x) => x.match.first));
    const subjects = actors.filter((a) => a.last < firstCue);
    const chosen = subjects.length > 0 ? actors.filter((a) => a.last < lastCue(stances)) : actors;
    for (const a of chosen) {
      const st = pick(a, stances);
      if (!st) continue;
      const key = `${a.code}|${st.stance}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        actor: a.code,
        stance: st.stance,
        evidence: s.text,
        start: s.start,
        end: s.end,
        rule: st.match.cue.rule,
      });
    }
  }
  return out;
}

function lastCue(stances: Stance[]): number {
  return Math.max(...stances.map((x) => x.match.first));
}

function pick(a: ActorMention, stances: Stance[]): Stance | null {
  const after = stances.filter((x) => x.match.first > a.last && x.match.first - a.last <= PREDICATE_WINDOW);
  if (after.length > 0) {
    const nearest = Math.min(...after.map((x) => x.match.first));
    return after.filter((x) => x.match.first === nearest).sort((x, y) => x.priority - y.priority)[0] ?? null;
  }
  const before = stances.filter((x) => x.match.last < a.first);
  return before.sort((x, y) => y.match.last - x.match.last || x.priority - y.priority)[0] ?? null;
}

import type { SourceTag } from "../../../core/records.ts";
import type { SourcesSpec } from "../../codebook/schema.ts";
import type { CompiledLanguage } from "../compile.ts";
import type { Gazetteer } from "../recognitions/gazetteer.ts";
import type { Doc } from "../text/document.ts";
import { ANONYMOUS_RANK } from "./anonymous.ts";
import { fullest, introducedPerson, knownForms, sameName } from "./coreference.ts";
import { type Mention, mentions } from "./mentions.ts";
import { capitalisedNames, nameWords } from "./names.ts";
import { type Found, speakers } from "./speakers.ts";

/**
 * Sources: who the text quotes or cites. Anchors are speech verbs ("said", "dijo", "zei"), attribution phrases
 * ("according to", "según", "volgens") and quotations; the speaker is the nearest mention before a verb (its
 * subject), right after it ("…, dijo Maduro"), or right after an attribution phrase. Mentions are the codebook's
 * known actors, countries (their government speaks), capitalised names and unnamed speakers ("sources said").
 * The name is the fullest form of the same name in the text (coreference by shared words).
 *
 * Modules: `mentions.ts` (who a sentence mentions), `anonymous.ts` (unnamed speakers), `names.ts` (capitalised
 * names), `verbs.ts` (which speech-verb words are speech acts, passive voice), `grammar.ts` (objects, quotes,
 * relative clauses, appositions), `after.ts` (speakers after their anchor, passive agents), `speakers.ts` (the
 * speakers of a sentence), `coreference.ts` (fullest names, pronoun referents).
 */

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
    for (const m of ms) if (m.rank < ANONYMOUS_RANK) allNames.push(m.name);
    const spoken = speakers(doc, s, c, ms, lastPerson);
    found.push(...spoken);
    // "he said" refers to the last speaker, or to a person the previous sentence introduced without quoting.
    const named = spoken.filter((f) => f.mention.rank < ANONYMOUS_RANK).pop()?.mention;
    lastPerson = named ?? introducedPerson(ms, doc.language) ?? lastPerson;
  }
  const out: SourceTag[] = [];
  for (const f of found) {
    const name = f.mention.rank === ANONYMOUS_RANK ? f.mention.name : fullest(f.mention.name, allNames);
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

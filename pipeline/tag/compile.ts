import type { Codebook } from "../codebook/schema.ts";
import { Gazetteer } from "./recognitions/gazetteer.ts";
import { type Cue, CueIndex, compileList } from "./text/cues.ts";

/**
 * The codebook compiled for one language: every cue list as a CueIndex, ready to match sentences. Compiled lazily
 * per language and kept for the tagger's lifetime.
 */
export interface CompiledLanguage {
  language: string;
  frames: CueIndex;
  counter: CueIndex;
  /** Per frame, the stance it takes in a text leaning to each side (codebook `frames[].sides`). */
  sides: Record<string, Record<string, "endorsed" | "rejected">>;
  attributionVerbs: CueIndex;
  attributionPhrases: CueIndex;
  /** Speech verbs plus citation verbs ("counts", "registra"): the anchors of sources. */
  sourceVerbs: CueIndex;
  /** Attribution plus citation phrases ("an analysis by", "nach Zählung von"). */
  sourcePhrases: CueIndex;
  reportNouns: CueIndex;
  refutation: CueIndex;
  distancers: CueIndex;
  /** Negative determiners and copulas before a frame word ("no fraud", "not a coup"). */
  denials: CueIndex;
  negators: CueIndex;
  /** Recognition stance cues; `data` is "<group index>". */
  stances: CueIndex;
  /** Objects a stance group requires after its cue; `data` is "<group index>". */
  stanceObjects: CueIndex;
  /** Winner names; `data` is the stance they resolve to. */
  winners: CueIndex;
  /** Known sources by alias; `data` is the index into codebook.sources.known. */
  known: CueIndex;
  /** Role words; `data` is the source type. */
  roles: CueIndex;
  anonymous: CueIndex;
  notNames: Set<string>;
  /** Type of a named speaker nothing else types (sources.defaultType). */
  defaultSourceType: string;
  /** Figure kinds; `data` is "<order>:<kind>" (the first kind in codebook order wins). */
  figures: CueIndex;
  notClaims: CueIndex;
}

export interface CompiledCodebook {
  codebook: Codebook;
  gazetteer: Gazetteer;
  forLanguage(language: string): CompiledLanguage;
}

/** Prepares a codebook for tagging. */
export function compileCodebook(codebook: Codebook): CompiledCodebook {
  const gazetteer = new Gazetteer(codebook.recognition, codebook.study.languages);
  const cache = new Map<string, CompiledLanguage>();
  return {
    codebook,
    gazetteer,
    forLanguage(language) {
      let compiled = cache.get(language);
      if (!compiled) {
        compiled = compileLanguage(codebook, language);
        cache.set(language, compiled);
      }
      return compiled;
    },
  };
}

function compileLanguage(codebook: Codebook, language: string): CompiledLanguage {
  const frameCues: Cue[] = [];
  const counterCues: Cue[] = [];
  for (const frame of codebook.frames) {
    frameCues.push(...compileList(frame.cues, language, `frames.${frame.id}.cue`, frame.id));
    frameCues.push(...compileList(frame.reportCues, language, `frames.${frame.id}.report`, frame.id));
    counterCues.push(...compileList(frame.counterCues, language, `frames.${frame.id}.counter`, frame.id));
  }
  const lang = codebook.language;
  const rec = codebook.recognition;
  const stanceCues: Cue[] = [];
  (rec?.stances ?? []).forEach((group, i) => {
    stanceCues.push(...compileList(group.cues, language, `recognitions.${group.id}`, String(i)));
  });
  const objectCues: Cue[] = [];
  (rec?.stances ?? []).forEach((group, i) => {
    objectCues.push(...compileList(group.requires, language, `recognitions.${group.id}.object`, String(i)));
  });
  const winnerCues: Cue[] = [];
  for (const w of rec?.winners ?? []) {
    // Winner names are names: offer those of every language to every language.
    const names = { [language]: Object.values(w.names).flat() };
    winnerCues.push(...compileList(names, language, `recognitions.winner.${w.stance}`, w.stance));
  }
  const src = codebook.sources;
  const knownCues: Cue[] = [];
  (src?.known ?? []).forEach((k, i) => {
    const names = [k.name.replace(/\s*\([^)]*\)\s*$/, ""), ...k.aliases];
    // Names match literally (folded): a stemmed "Provea" would catch "provas".
    knownCues.push(...compileList({ [language]: names }, language, `sources.known.${i}`, String(i), true));
  });
  const roleCues: Cue[] = [];
  for (const r of src?.roles ?? []) roleCues.push(...compileList(r.cues, language, `sources.role.${r.type}`, r.type));
  const figureCues: Cue[] = [];
  (codebook.claims?.figures ?? []).forEach((f, i) => {
    figureCues.push(...compileList(f.cues, language, `claims.figure.${f.kind}`, `${i}:${f.kind}`));
  });
  return {
    language,
    frames: new CueIndex(frameCues),
    counter: new CueIndex(counterCues),
    sides: Object.fromEntries(codebook.frames.map((f) => [f.id, f.sides])),
    attributionVerbs: new CueIndex(compileList(lang?.attributionVerbs, language, "attribution.verb")),
    attributionPhrases: new CueIndex(compileList(lang?.attributionPhrases, language, "attribution.phrase")),
    sourceVerbs: new CueIndex([
      ...compileList(lang?.attributionVerbs, language, "attribution.verb"),
      ...compileList(lang?.citationVerbs, language, "citation.verb"),
    ]),
    sourcePhrases: new CueIndex([
      ...compileList(lang?.attributionPhrases, language, "attribution.phrase"),
      ...compileList(lang?.citationPhrases, language, "citation.phrase"),
    ]),
    reportNouns: new CueIndex(compileList(lang?.reportNouns, language, "attribution.noun")),
    refutation: new CueIndex(compileList(lang?.refutation, language, "refutation")),
    distancers: new CueIndex(compileList(lang?.distancers, language, "distancer")),
    // Literal: "geen"/"kein"/"nessun" must not stem-collide with content words.
    denials: new CueIndex(compileList(lang?.denials, language, "denial", "", true)),
    negators: new CueIndex(compileList(lang?.negators, language, "negator", "", true)),
    stances: new CueIndex(stanceCues),
    stanceObjects: new CueIndex(objectCues),
    winners: new CueIndex(winnerCues),
    known: new CueIndex(knownCues),
    roles: new CueIndex(roleCues),
    anonymous: new CueIndex(
      compileList(src?.anonymous, language, "sources.anonymous", src?.anonymousType ?? "anonymous", true),
    ),
    defaultSourceType: src?.defaultType ?? "other",
    notNames: new Set((src?.notNames?.[language] ?? []).concat(Object.values(src?.notNames ?? {}).flat())),
    figures: new CueIndex(figureCues),
    notClaims: new CueIndex(compileList(codebook.claims?.notClaims, language, "claims.not")),
  };
}

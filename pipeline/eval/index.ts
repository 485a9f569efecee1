import type { GoldDoc, PredDoc } from "./gold.ts";
import { greedyMatch, locate, namesMatch, spansOverlap } from "./match.ts";
import { add, type Counts, mcc, type Prf, prf, ZERO } from "./metrics.ts";

export { formatReport } from "./format.ts";
export { type GoldDoc, GoldDocSchema, type PredDoc, PredDocSchema, readJsonl } from "./gold.ts";
export { CLAIM_OVERLAP, namesMatch } from "./match.ts";
export { mcc, prf } from "./metrics.ts";

/**
 * Scores predictions against gold annotations in the guideline's format: frames (presence P/R/F1/MCC and stance
 * accuracy on correctly detected frames), recognitions, sources (with type accuracy), claims; overall, per language
 * and per leaning of the gold text (derived from its gold frames, see `leaningOf`).
 */

export type Leaning = "government" | "opposition" | "neutral";

export interface FrameScore extends Prf {
  tn: number;
  mcc: number;
  stanceCorrect: number;
  stanceTotal: number;
  stanceAccuracy: number;
}

export interface GroupScore {
  documents: number;
  framesMacroF1: number;
  frameF1: Record<string, number | null>;
  stanceAccuracy: number;
  recognitionsF1: number;
  sourcesF1: number;
  claimsF1: number;
}

export interface EvalReport {
  documents: number;
  /** Gold ids with no prediction (scored as empty predictions). */
  missing: string[];
  frameIds: string[];
  frames: Record<string, FrameScore>;
  framesMacroF1: number;
  stance: { correct: number; total: number; accuracy: number };
  recognitions: Prf;
  sources: Prf & { typeCorrect: number; typeTotal: number; typeAccuracy: number };
  claims: Prf & { numbersExact: number; numbersTotal: number };
  byLanguage: Record<string, GroupScore>;
  byLeaning: Record<Leaning, GroupScore>;
}

/**
 * The leaning of a gold text from its gold frames: government-leaning when it endorses coup_framing or rejects
 * fraud_narrative; opposition-leaning when it endorses fraud_narrative or repression_framing; otherwise (or when
 * both hold) neutral.
 */
export function leaningOf(frames: Record<string, string>): Leaning {
  const gov = frames.coup_framing === "endorsed" || frames.fraud_narrative === "rejected";
  const opp = frames.fraud_narrative === "endorsed" || frames.repression_framing === "endorsed";
  if (gov && !opp) return "government";
  if (opp && !gov) return "opposition";
  return "neutral";
}

interface DocScore {
  frames: Record<string, { tp: number; fp: number; fn: number; tn: number; stanceOk: number; stanceN: number }>;
  recognitions: Counts;
  sources: Counts;
  typeOk: number;
  typeN: number;
  claims: Counts;
  numbersExact: number;
  numbersTotal: number;
}

function scoreDoc(g: GoldDoc, p: PredDoc | undefined, frameIds: string[]): DocScore {
  const pf = p?.frames ?? {};
  const frames: DocScore["frames"] = {};
  for (const f of frameIds) {
    const inG = f in g.frames;
    const inP = f in pf;
    const ok = inG && inP && g.frames[f] === pf[f] ? 1 : 0;
    frames[f] = {
      tp: inG && inP ? 1 : 0,
      fp: !inG && inP ? 1 : 0,
      fn: inG && !inP ? 1 : 0,
      tn: !inG && !inP ? 1 : 0,
      stanceOk: ok,
      stanceN: inG && inP ? 1 : 0,
    };
  }
  const gr = new Set(g.recognitions.map((r) => `${r.actor}|${r.stance}`));
  const pr = new Set((p?.recognitions ?? []).map((r) => `${r.actor}|${r.stance}`));
  const recTp = [...pr].filter((k) => gr.has(k)).length;
  const recognitions = { tp: recTp, fp: pr.size - recTp, fn: gr.size - recTp };

  const ps = p?.sources ?? [];
  const sp = greedyMatch(g.sources, ps, (a, b) => namesMatch(a.name, b.name));
  const sources = { tp: sp.length, fp: ps.length - sp.length, fn: g.sources.length - sp.length };
  const typeOk = sp.filter(([gi, pi]) => g.sources[gi]?.type === ps[pi]?.type).length;

  const gSpans = g.claims.map((c) => locate(g.text, c.evidence));
  const pc = p?.claims ?? [];
  const pSpans = pc.map((c) => locate(g.text, c.evidence));
  const cp = greedyMatch(
    gSpans.map((s, i) => ({ s, i })),
    pSpans.map((s, i) => ({ s, i })),
    (a, b) => a.s !== null && b.s !== null && spansOverlap(a.s, b.s),
  );
  const claims = { tp: cp.length, fp: pc.length - cp.length, fn: g.claims.length - cp.length };
  let numbersExact = 0;
  for (const [gi, pi] of cp) {
    const gn = [...(g.claims[gi]?.numbers ?? [])].sort((a, b) => a - b).join(",");
    const pn = [...(pc[pi]?.numbers ?? [])].sort((a, b) => a - b).join(",");
    if (gn === pn) numbersExact++;
  }
  return { frames, recognitions, sources, typeOk, typeN: sp.length, claims, numbersExact, numbersTotal: cp.length };
}

function frameScores(scores: DocScore[], frameIds: string[]): Record<string, FrameScore> {
  const out: Record<string, FrameScore> = {};
  for (const f of frameIds) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    let ok = 0;
    let n = 0;
    for (const s of scores) {
      const x = s.frames[f];
      if (!x) continue;
      tp += x.tp;
      fp += x.fp;
      fn += x.fn;
      tn += x.tn;
      ok += x.stanceOk;
      n += x.stanceN;
    }
    out[f] = {
      ...prf({ tp, fp, fn }),
      tn,
      mcc: mcc(tp, fp, fn, tn),
      stanceCorrect: ok,
      stanceTotal: n,
      stanceAccuracy: n === 0 ? 0 : ok / n,
    };
  }
  return out;
}

/** Mean F1 over frames that occur in gold or prediction of the group (a frame absent from both is not scored). */
function macro(frames: Record<string, FrameScore>): number {
  const defined = Object.values(frames).filter((f) => f.tp + f.fp + f.fn > 0);
  return defined.length === 0 ? 0 : defined.reduce((a, f) => a + f.f1, 0) / defined.length;
}

function group(scores: DocScore[], frameIds: string[]): GroupScore {
  const frames = frameScores(scores, frameIds);
  const sum = (pick: (s: DocScore) => Counts) => scores.reduce((a, s) => add(a, pick(s)), ZERO);
  const ok = Object.values(frames).reduce((a, f) => a + f.stanceCorrect, 0);
  const n = Object.values(frames).reduce((a, f) => a + f.stanceTotal, 0);
  return {
    documents: scores.length,
    framesMacroF1: macro(frames),
    frameF1: Object.fromEntries(Object.entries(frames).map(([k, f]) => [k, f.tp + f.fp + f.fn > 0 ? f.f1 : null])),
    stanceAccuracy: n === 0 ? 0 : ok / n,
    recognitionsF1: prf(sum((s) => s.recognitions)).f1,
    sourcesF1: prf(sum((s) => s.sources)).f1,
    claimsF1: prf(sum((s) => s.claims)).f1,
  };
}

export interface EvaluateOptions {
  /** Frame ids to score (default: every frame seen in gold or predictions, sorted). */
  frames?: string[];
}

/** Scores predictions (matched to gold by id) against gold documents. */
export function evaluate(gold: GoldDoc[], pred: PredDoc[], options: EvaluateOptions = {}): EvalReport {
  const byId = new Map(pred.map((p) => [p.id, p]));
  const frameIds =
    options.frames ??
    [...new Set([...gold.flatMap((g) => Object.keys(g.frames)), ...pred.flatMap((p) => Object.keys(p.frames))])].sort();
  const scores = gold.map((g) => scoreDoc(g, byId.get(g.id), frameIds));
  const frames = frameScores(scores, frameIds);
  const sum = (pick: (s: DocScore) => Counts) => scores.reduce((a, s) => add(a, pick(s)), ZERO);
  const ok = Object.values(frames).reduce((a, f) => a + f.stanceCorrect, 0);
  const n = Object.values(frames).reduce((a, f) => a + f.stanceTotal, 0);
  const typeOk = scores.reduce((a, s) => a + s.typeOk, 0);
  const typeN = scores.reduce((a, s) => a + s.typeN, 0);
  const split = <K extends string>(key: (g: GoldDoc) => K): Record<K, GroupScore> => {
    const groups = new Map<K, DocScore[]>();
    gold.forEach((g, i) => {
      const k = key(g);
      groups.set(k, [...(groups.get(k) ?? []), scores[i] as DocScore]);
    });
    return Object.fromEntries(
      [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => [k, group(v, frameIds)]),
    ) as Record<K, GroupScore>;
  };
  const leanings = split((g) => leaningOf(g.frames));
  for (const l of ["government", "opposition", "neutral"] as const) leanings[l] ??= group([], frameIds);
  return {
    documents: gold.length,
    missing: gold.filter((g) => !byId.has(g.id)).map((g) => g.id),
    frameIds,
    frames,
    framesMacroF1: macro(frames),
    stance: { correct: ok, total: n, accuracy: n === 0 ? 0 : ok / n },
    recognitions: prf(sum((s) => s.recognitions)),
    sources: {
      ...prf(sum((s) => s.sources)),
      typeCorrect: typeOk,
      typeTotal: typeN,
      typeAccuracy: typeN === 0 ? 0 : typeOk / typeN,
    },
    claims: {
      ...prf(sum((s) => s.claims)),
      numbersExact: scores.reduce((a, s) => a + s.numbersExact, 0),
      numbersTotal: scores.reduce((a, s) => a + s.numbersTotal, 0),
    },
    byLanguage: split((g) => g.language ?? "?"),
    byLeaning: leanings,
  };
}

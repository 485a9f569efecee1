import { fold } from "../../codebook/text.ts";
import { stem } from "./stem.ts";
import { type Token, WORD_PATTERN } from "./tokens.ts";

/**
 * Cue phrases compiled to token patterns and matched on a sentence's tokens. One word of a cue matches by stem in the
 * cue's language ("denunció" ~ "denunciaron"), by folded prefix when it ends in `*` ("fraud*" ~ "fraudulentas"), or
 * exactly, case included, when written `=US`. `...` lets up to GAP_MAX_TOKENS words pass. Lists of surface forms
 * (speech verbs, negators) compile `literal`: words match their folded form only, so "stated" does not catch "state".
 */

export const GAP_MAX_TOKENS = 4;
/** Characters of a prefix cue used as its index key. */
export const PREFIX_KEY = 3;

type Element =
  | { kind: "stem"; value: string }
  | { kind: "prefix"; value: string }
  | { kind: "exact"; value: string }
  | { kind: "word"; value: string }
  | { kind: "gap"; max: number };

export interface Cue {
  /** Rule id, e.g. "frames.fraud_narrative.cue.es.fraude". */
  rule: string;
  phrase: string;
  language: string;
  elements: Element[];
  /** Free payload of the caller (frame id, stance, actor code …). */
  data: string;
}

export interface CueMatch {
  cue: Cue;
  /** Token indexes, inclusive. */
  first: number;
  last: number;
  start: number;
  end: number;
}

/** Slug of a phrase for rule ids: folded, non-word runs as "_". */
export function slug(phrase: string): string {
  return (
    fold(phrase)
      .replace(/[^a-z0-9*]+/g, "_")
      .replace(/^_+|_+$/g, "") || "cue"
  );
}

/** Compiles one cue phrase of a language. Returns null for a phrase without words. */
export function compileCue(phrase: string, language: string, rule: string, data = "", literal = false): Cue | null {
  const elements: Element[] = [];
  for (const part of phrase.trim().split(/\s+/u)) {
    if (part === "...") {
      if (elements.length > 0) elements.push({ kind: "gap", max: GAP_MAX_TOKENS });
      continue;
    }
    if (part.startsWith("=") && part.length > 1) {
      elements.push({ kind: "exact", value: part.slice(1) });
      continue;
    }
    const prefix = part.endsWith("*");
    const words = (prefix ? part.slice(0, -1) : part).match(WORD_PATTERN) ?? [];
    words.forEach((w, i) => {
      const isLast = i === words.length - 1;
      if (prefix && isLast) elements.push({ kind: "prefix", value: fold(w) });
      else if (literal) elements.push({ kind: "word", value: fold(w) });
      else elements.push({ kind: "stem", value: stem(w.toLowerCase(), language) });
    });
  }
  while (elements.length > 0 && elements[elements.length - 1]?.kind === "gap") elements.pop();
  if (elements.length === 0) return null;
  return { rule, phrase, language, elements, data };
}

function elementMatches(e: Element, t: Token): boolean {
  switch (e.kind) {
    case "stem":
      return t.stem === e.value || t.folded === e.value;
    case "prefix":
      return t.folded.startsWith(e.value);
    case "exact":
      return t.raw === e.value;
    case "word":
      return t.folded === e.value;
    default:
      return false;
  }
}

function matchFrom(elements: Element[], ei: number, tokens: Token[], ti: number): number {
  if (ei === elements.length) return ti - 1;
  const e = elements[ei];
  if (!e) return -1;
  if (e.kind === "gap") {
    for (let skip = 0; skip <= e.max && ti + skip < tokens.length; skip++) {
      const r = matchFrom(elements, ei + 1, tokens, ti + skip);
      if (r >= 0) return r;
    }
    return -1;
  }
  const t = tokens[ti];
  if (!t || !elementMatches(e, t)) return -1;
  return matchFrom(elements, ei + 1, tokens, ti + 1);
}

/** A set of cues indexed by their first word, for matching many cues over many sentences quickly. */
export class CueIndex {
  private byStem = new Map<string, Cue[]>();
  private byExact = new Map<string, Cue[]>();
  /** Cues starting with a prefix word, bucketed by the prefix's first PREFIX_KEY characters (shorter ones in ""). */
  private prefixed = new Map<string, Cue[]>();
  readonly size: number;

  constructor(cues: readonly Cue[]) {
    for (const cue of cues) {
      const first = cue.elements[0];
      if (!first) continue;
      if (first.kind === "stem" || first.kind === "word") push(this.byStem, first.value, cue);
      else if (first.kind === "exact") push(this.byExact, first.value, cue);
      else if (first.kind === "prefix") {
        push(this.prefixed, first.value.length >= PREFIX_KEY ? first.value.slice(0, PREFIX_KEY) : "", cue);
      }
    }
    this.size = cues.length;
  }

  /** Every match in the tokens, in token order; at one position the longest match of each cue. */
  match(tokens: readonly Token[]): CueMatch[] {
    const out: CueMatch[] = [];
    const list = tokens as Token[];
    for (let i = 0; i < list.length; i++) {
      const t = list[i] as Token;
      const candidates: Cue[] = [];
      const a = this.byStem.get(t.stem);
      if (a) candidates.push(...a);
      if (t.folded !== t.stem) {
        const b = this.byStem.get(t.folded);
        if (b) candidates.push(...b);
      }
      const c = this.byExact.get(t.raw);
      if (c) candidates.push(...c);
      for (const key of t.folded.length >= PREFIX_KEY ? ["", t.folded.slice(0, PREFIX_KEY)] : [""]) {
        for (const p of this.prefixed.get(key) ?? []) {
          const first = p.elements[0];
          if (first?.kind === "prefix" && t.folded.startsWith(first.value)) candidates.push(p);
        }
      }
      for (const cue of candidates) {
        const last = matchFrom(cue.elements, 0, list, i);
        if (last >= 0) {
          out.push({ cue, first: i, last, start: t.start, end: (list[last] as Token).end });
        }
      }
    }
    return dedupe(out);
  }
}

function push(map: Map<string, Cue[]>, key: string, cue: Cue): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(cue)) list.push(cue);
  } else map.set(key, [cue]);
}

function dedupe(matches: CueMatch[]): CueMatch[] {
  const seen = new Set<string>();
  return matches.filter((m) => {
    const key = `${m.cue.rule}|${m.first}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Compiles `{lang: [phrases]}` for one language into cues with rule ids `<prefix>.<lang>.<slug>`. */
export function compileList(
  list: Record<string, string[]> | undefined,
  language: string,
  rulePrefix: string,
  data = "",
  literal = false,
): Cue[] {
  const out: Cue[] = [];
  for (const phrase of list?.[language] ?? []) {
    const cue = compileCue(phrase, language, `${rulePrefix}.${language}.${slug(phrase)}`, data, literal);
    if (cue) out.push(cue);
  }
  return out;
}

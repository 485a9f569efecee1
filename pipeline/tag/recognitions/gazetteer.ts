import { createRequire } from "node:module";
import countries from "i18n-iso-countries";
import type { RecognitionSpec } from "../../codebook/schema.ts";
import { fold } from "../../codebook/text.ts";
import { type Token, WORD_PATTERN } from "../text/tokens.ts";

/**
 * Finds actors (countries and organisations) in tokens: country names in every study language from
 * i18n-iso-countries, plus the codebook's names (leaders, ministries, capitals as metonyms) and demonyms.
 */

/** Names of this many letters or fewer written in capitals ("US", "UE") only match with the same case. */
export const SHORT_NAME_CASE_LIMIT = 4;

interface Entry {
  code: string;
  words: string[];
  /** Last word matches as a prefix (demonyms "brasileñ*"). */
  prefix: boolean;
  /** Raw words to compare exactly (short all-caps names). */
  exact: string[] | null;
  /** Names must start with a capital letter in the text; demonyms need not. */
  capital: boolean;
  name: string;
  /** Languages whose texts the name holds in (null: every language). */
  languages: ReadonlySet<string> | null;
}

export interface ActorMention {
  code: string;
  first: number;
  last: number;
  start: number;
  end: number;
  /** Whether it was a name (true) or a demonym/adjective (false). */
  isName: boolean;
}

const require = createRequire(import.meta.url);
const registered = new Set<string>();

function register(language: string): boolean {
  if (registered.has(language)) return true;
  try {
    countries.registerLocale(require(`i18n-iso-countries/langs/${language}.json`));
    registered.add(language);
    return true;
  } catch {
    return false;
  }
}

function entry(code: string, name: string, demonym: boolean): Entry | null {
  const prefix = demonym && name.endsWith("*");
  const clean = prefix ? name.slice(0, -1) : name;
  const exactWanted = name.startsWith("=");
  const body = exactWanted ? clean.slice(1) : clean;
  const raws = body.match(WORD_PATTERN) ?? [];
  if (raws.length === 0) return null;
  const letters = body.replace(/[^\p{L}]/gu, "");
  const exact =
    exactWanted || (letters.length <= SHORT_NAME_CASE_LIMIT && letters === letters.toUpperCase()) ? raws : null;
  return { code, words: raws.map(fold), prefix, exact, capital: !demonym, name, languages: null };
}

/** Compiled gazetteer of one study. */
export class Gazetteer {
  private byFirst = new Map<string, Entry[]>();
  /** Demonym prefixes bucketed by their first three characters. */
  private prefixed = new Map<string, Entry[]>();
  private cache = new WeakMap<readonly Token[], { language: string; found: ActorMention[] }>();

  constructor(spec: RecognitionSpec | undefined, languages: readonly string[]) {
    const exclude = new Set(spec?.exclude ?? []);
    const entries: Entry[] = [];
    for (const language of languages) {
      if (!register(language)) continue;
      const names = countries.getNames(language, { select: "all" }) as Record<string, string[]>;
      for (const code of Object.keys(names).sort()) {
        if (exclude.has(code)) continue;
        for (const name of names[code] ?? []) {
          if (/[,(]/.test(name)) continue;
          const e = entry(code, name, false);
          if (e) entries.push(e);
        }
      }
    }
    for (const actor of spec?.actors ?? []) {
      if (exclude.has(actor.code)) continue;
      for (const name of actor.names) {
        const e = entry(actor.code, name, false);
        if (e) entries.push(e);
      }
      for (const name of actor.demonyms) {
        const e = entry(actor.code, name, true);
        if (e) entries.push(e);
      }
      for (const [language, names] of Object.entries(actor.namesIn)) {
        for (const name of names) {
          const e = entry(actor.code, name, false);
          if (e) entries.push({ ...e, languages: new Set([language]) });
        }
      }
    }
    for (const e of entries) {
      if (e.prefix && e.words.length === 1) {
        const key = (e.words[0] ?? "").slice(0, 3);
        const list = this.prefixed.get(key);
        if (list) list.push(e);
        else this.prefixed.set(key, [e]);
        continue;
      }
      const key = e.words[0] ?? "";
      const list = this.byFirst.get(key);
      if (list) list.push(e);
      else this.byFirst.set(key, [e]);
    }
    // Longest names first so "Dominican Republic" wins over "Dominica".
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /**
   * Actor mentions in token order; overlapping names resolve to the longest. Names restricted to some languages
   * (`namesIn`) hold only when `language` is one of them.
   */
  find(tokens: readonly Token[], language = ""): ActorMention[] {
    const cached = this.cache.get(tokens);
    if (cached && cached.language === language) return cached.found;
    const found = this.scan(tokens, language);
    this.cache.set(tokens, { language, found });
    return found;
  }

  private scan(tokens: readonly Token[], language: string): ActorMention[] {
    const out: ActorMention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      let best: { e: Entry; last: number } | null = null;
      for (const e of this.byFirst.get(t.folded) ?? []) {
        if (e.languages && !e.languages.has(language)) continue;
        const last = this.matchAt(e, tokens, i);
        if (last >= 0 && (!best || last > best.last)) best = { e, last };
      }
      if (!best) {
        for (const e of this.prefixed.get(t.folded.slice(0, 3)) ?? []) {
          if (t.folded.startsWith(e.words[0] ?? "\u0000")) {
            best = { e, last: i };
            break;
          }
        }
      }
      if (best) {
        const lastToken = tokens[best.last] as Token;
        out.push({
          code: best.e.code,
          first: i,
          last: best.last,
          start: t.start,
          end: lastToken.end,
          isName: best.e.capital,
        });
        i = best.last;
      }
    }
    return out;
  }

  private matchAt(e: Entry, tokens: readonly Token[], i: number): number {
    for (let k = 0; k < e.words.length; k++) {
      const t = tokens[i + k];
      if (!t) return -1;
      const w = e.words[k] ?? "";
      const isLast = k === e.words.length - 1;
      const ok = isLast && e.prefix ? t.folded.startsWith(w) : t.folded === w;
      if (!ok) return -1;
      if (e.exact && t.raw !== e.exact[k]) return -1;
      if (k === 0 && e.capital && !/^\p{Lu}/u.test(t.raw)) return -1;
    }
    return i + e.words.length - 1;
  }
}

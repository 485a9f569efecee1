import { fold } from "../../codebook/text.ts";
import { MONTHS, NUMBER_WORDS, ONE_WORDS, SCALE_WORDS } from "./words.ts";

/**
 * Finds the numbers of a claim and normalises them per locale: "51,2%" → 51.2, "6,2 miljoen" → 6200000,
 * "2.000" → 2000, "6,408,844" → 6408844, "six" → 6. Years, dates, times and ordinals are left out, as the guideline asks.
 */

/** Integers in this range without separators or units are read as years and left out. */
export const YEAR_RANGE = [1900, 2100] as const;
/** A digit run followed by one separator and exactly this many digits is a thousands group (2.000, 2,000). */
export const THOUSANDS_GROUP_DIGITS = 3;

const NUMERIC =
  /(?<![\p{L}\p{N}.,:/-]|\p{L}-)(\d{1,3}(?:[.,\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\p{N}]|[.,:/]\d|\p{L})/gu;
const WORD = /[\p{L}]+/gu;
const MONTH_BEFORE = new RegExp(`(?:${MONTHS})\\.?\\s+(?:de\\s+)?$`, "u");
const MONTH_AFTER = new RegExp(`^\\.?\\s*(?:de\\s+|of\\s+)?(?:${MONTHS})(?![a-z])`, "u");
const ORDINAL_AFTER = /^(?:st|nd|rd|th|º|ª|°|e|er|eme|ème|o|a|\.º|\.ª)(?![\p{L}])/u;
const TIME_AFTER = /^\s?(?:h(?:\d|\b)|uur|uhr|p\.\s?m\.|a\.\s?m\.|pm\b|am\b|hrs?\b|heures?\b|ore\b)/u;
const PAREN_DAY = /^\((\d{1,2})\)$/;
const SCALE_AFTER = /^\s+(?:de\s+)?([\p{L}]+)\.?/u;

export interface FoundNumber {
  value: number;
  start: number;
  end: number;
}

/** Parses one numeral as written ("6,408,844", "51,2", "2.000") in a language; `scaled` when a scale word follows. */
export function parseNumeral(raw: string, language: string, scaled: boolean): number {
  const s = raw.replace(/[\u00a0\u202f]/g, "");
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  if (dots === 0 && commas === 0) return Number(s);
  if (dots > 0 && commas > 0) {
    const decimal = s.lastIndexOf(".") > s.lastIndexOf(",") ? "." : ",";
    const group = decimal === "." ? "," : ".";
    return Number(s.split(group).join("").replace(decimal, "."));
  }
  const sep = dots > 0 ? "." : ",";
  if (dots + commas > 1) return Number(s.split(sep).join(""));
  const [whole = "", frac = ""] = s.split(sep);
  const localeDecimal = language === "en" ? "." : ",";
  let thousands = frac.length === THOUSANDS_GROUP_DIGITS && whole !== "0";
  if (scaled) thousands = thousands && sep !== localeDecimal;
  return thousands ? Number(whole + frac) : Number(`${whole}.${frac}`);
}

/** Every number in `text` (normalised), in order of appearance, with offsets relative to `text`. */
export function findNumbers(text: string, language: string): FoundNumber[] {
  const folded = fold(text);
  const out: FoundNumber[] = [];
  for (const m of text.matchAll(NUMERIC)) {
    const raw = m[1] ?? m[0];
    const start = m.index ?? 0;
    const end = start + raw.length;
    const before = folded.slice(Math.max(0, start - 16), start);
    const after = folded.slice(end, end + 24);
    if (isDateOrTime(raw, before, after, text, start, end)) continue;
    const scale = scaleAfter(after);
    let value = parseNumeral(raw, language, scale !== null);
    if (!Number.isFinite(value)) continue;
    const plain = /^\d+$/.test(raw);
    const unit = /^\s?(?:%|percent|por ?ciento|por cento|procent|pour ?cent|prozent|per ?cento)/u.test(after);
    if (plain && !unit && scale === null && value >= YEAR_RANGE[0] && value <= YEAR_RANGE[1]) continue;
    if (scale !== null) value = Math.round(value * scale * 1e6) / 1e6;
    out.push({ value, start, end });
  }
  for (const w of text.matchAll(WORD)) {
    const word = fold(w[0]);
    const start = w.index ?? 0;
    const spelled = NUMBER_WORDS[language]?.[word];
    if (spelled === undefined && !ONE_WORDS.has(word)) continue;
    const after = folded.slice(start + w[0].length, start + w[0].length + 24);
    const scale = scaleAfter(after);
    const base = spelled ?? (scale !== null ? 1 : undefined);
    if (base === undefined) continue;
    if (MONTH_AFTER.test(after)) continue;
    if (/(?:per|por|pour)\s+$/u.test(folded.slice(Math.max(0, start - 6), start))) continue;
    out.push({ value: scale !== null ? base * scale : base, start, end: start + w[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

function scaleAfter(after: string): number | null {
  const m = SCALE_AFTER.exec(after);
  if (!m?.[1]) return null;
  return SCALE_WORDS[m[1]] ?? null;
}

function isDateOrTime(raw: string, before: string, after: string, text: string, start: number, end: number): boolean {
  if (!/^\d{1,2}$/.test(raw)) return TIME_AFTER.test(after) && /^\d{1,2}$/.test(raw);
  if (MONTH_BEFORE.test(before) || MONTH_AFTER.test(after)) return true;
  if (ORDINAL_AFTER.test(after)) return true;
  if (TIME_AFTER.test(after)) return true;
  if (PAREN_DAY.test(text.slice(Math.max(0, start - 1), end + 1))) return true;
  return false;
}

import * as chrono from "chrono-node";

/**
 * Date handling for metadata: normalising the many machine formats pages use to ISO 8601 (keeping the time zone
 * offset when the page gives one), reading dates from URL paths, and finding a written date in text in the page's
 * language with chrono. Only dates with a certain year, month and day are accepted.
 */

/** Years outside this range are typos or placeholders ("0001-01-01", "2099-…"). */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/** How much of a text (characters from its start) is searched for a written date: datelines come first. */
export const TEXT_DATE_WINDOW = 400;

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$/;

const pad = (n: number | string, width = 2) => String(n).padStart(width, "0");

function validDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function offsetOf(zone: string | undefined): string {
  if (!zone) return "";
  const z = zone.toUpperCase();
  if (z === "Z" || z === "UTC" || z === "GMT") return "Z";
  const digits = z.replace(":", "");
  const hh = digits.slice(1, 3);
  const mm = digits.length >= 5 ? digits.slice(3, 5) : "00";
  return `${digits[0]}${hh}:${mm}`;
}

/**
 * Normalises a machine-readable date to ISO 8601: "YYYY-MM-DD" when only the day is known, "YYYY-MM-DDTHH:MM:SS"
 * plus "Z" or "±HH:MM" when a time is given. Unparseable or implausible values give null.
 */
export function normaliseDate(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const s = value.trim();
  if (!s) return null;
  const m = ISO_LIKE.exec(s) ?? COMPACT.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDay(y, mo, d)) return null;
    const day = `${y}-${pad(mo)}-${pad(d)}`;
    if (m[4] === undefined) return day;
    const [h, mi, se] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (h > 23 || mi > 59 || se > 59) return day;
    return `${day}T${pad(h)}:${pad(mi)}:${pad(se)}${offsetOf(m[7])}`;
  }
  // RFC 2822 and other forms with an explicit zone ("Mon, 29 Jul 2024 08:15:00 GMT"): Date parses these reliably.
  if (/\d{4}/.test(s) && /(GMT|UTC|[+-]\d{4}|Z)\b/.test(s) && /[A-Za-z]{3}/.test(s)) {
    const t = Date.parse(s);
    if (Number.isFinite(t)) {
      const iso = new Date(t).toISOString();
      const y = Number(iso.slice(0, 4));
      if (y >= MIN_YEAR && y <= MAX_YEAR) return `${iso.slice(0, 19)}Z`;
    }
  }
  return null;
}

const URL_DATE_PATTERNS: readonly RegExp[] = [
  /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/_-]|\.html?|$)/,
  /[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/,
];

/** A publication day encoded in a URL path ("/2024/07/29/…", "/2024-07-29-…", "…-20240729.html"). */
export function dateFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  for (const re of URL_DATE_PATTERNS) {
    const m = re.exec(path);
    if (m && validDay(Number(m[1]), Number(m[2]), Number(m[3])))
      return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  }
  return null;
}

const PARSERS: Record<string, chrono.Chrono> = {
  en: chrono.en.strict,
  es: chrono.es.strict,
  pt: chrono.pt.strict,
  nl: chrono.nl.strict,
  fr: chrono.fr.strict,
  de: chrono.de.strict,
  it: chrono.it.strict,
};

const WRITTEN_YEAR = /(?<!\d)(19|20)\d{2}(?!\d)/;

/** Fixed reference so results never depend on the clock (only fully specified dates are accepted anyway). */
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

/**
 * The first fully written date (day, month and year) in a text, parsed in the given language (English as a
 * fallback). Relative expressions ("yesterday") are ignored: they need a reference date the page does not give.
 */
export function dateFromText(text: string, language: string | null): string | null {
  const sample = text.slice(0, TEXT_DATE_WINDOW);
  const parsers = [PARSERS[language ?? ""], language === "en" ? undefined : PARSERS.en].filter(
    (p): p is chrono.Chrono => p !== undefined,
  );
  for (const parser of parsers) {
    for (const result of parser.parse(sample, REFERENCE)) {
      const s = result.start;
      if (!(s.isCertain("year") && s.isCertain("month") && s.isCertain("day"))) continue;
      // A written year must be present: chrono marks relative words ("ontem") as certain against the reference.
      if (!WRITTEN_YEAR.test(result.text)) continue;
      const [y, mo, d] = [s.get("year") ?? 0, s.get("month") ?? 0, s.get("day") ?? 0];
      if (validDay(y, mo, d)) return `${y}-${pad(mo)}-${pad(d)}`;
    }
  }
  return null;
}

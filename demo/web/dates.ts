/**
 * Dates and small language words for the demo web. Dates are shown in the wall-clock time of the offset the article
 * was written with ("2024-08-03T22:10:00-04:00" is 3 August in the page text), as a local newspaper would print it;
 * HTTP headers and feeds use the same instant in UTC.
 */

const MONTHS: Record<string, string[]> = {
  en: "January February March April May June July August September October November December".split(" "),
  es: "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(" "),
  pt: "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split(" "),
  nl: "januari februari maart april mei juni juli augustus september oktober november december".split(" "),
};

/** The word joining the last two names of a byline ("A, B and C"). */
const AND: Record<string, string> = { en: "and", es: "y", pt: "e", nl: "en" };

interface WallClock {
  year: string;
  month: string;
  day: string;
  time: string;
}

/** Splits an ISO 8601 timestamp into its written (not UTC) date and time. */
export function wallClock(iso: string): WallClock {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  return { year: match[1] ?? "", month: match[2] ?? "", day: match[3] ?? "", time: match[4] ?? "00:00" };
}

/** "3 de agosto de 2024" (es, pt), "3 augustus 2024" (nl), "3 August 2024" (en-GB) or "August 3, 2024" (en-US). */
export function longDate(iso: string, language: string, usStyle = false): string {
  const { year, month, day } = wallClock(iso);
  const name = (MONTHS[language] ?? MONTHS.en)?.[Number(month) - 1] ?? month;
  const d = String(Number(day));
  if (language === "es" || language === "pt") return `${d} de ${name} de ${year}`;
  if (language === "en" && usStyle) return `${name} ${d}, ${year}`;
  return `${d} ${name} ${year}`;
}

/** "03/08/2024 14:20": the numeric form used in lists. */
export function shortDate(iso: string): string {
  const { year, month, day, time } = wallClock(iso);
  return `${day}/${month}/${year} ${time}`;
}

/** The instant as a Date (for UTC forms and ordering). */
export function instant(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`not an ISO date: ${iso}`);
  return date;
}

/** RFC 7231 / RFC 822 date in GMT, for Last-Modified and RSS pubDate. */
export function httpDate(iso: string): string {
  return instant(iso).toUTCString();
}

/** ISO 8601 in UTC without milliseconds, for Atom and sitemaps. */
export function utcIso(iso: string): string {
  return instant(iso).toISOString().replace(".000Z", "Z");
}

/** Joins names as a byline does: "A", "A and B", "A, B and C". */
export function joinNames(names: string[], language: string): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} ${AND[language] ?? AND.en} ${names[names.length - 1]}`;
}

/** What follows each of `count` names in a byline: ", ", " and " before the last, "" after it. */
export function nameSeparators(count: number, language: string): string[] {
  return Array.from({ length: count }, (_, i) =>
    i === count - 1 ? "" : i === count - 2 ? ` ${AND[language] ?? AND.en} ` : ", ",
  );
}

/** The later of two ISO timestamps. */
export function later(a: string, b: string): string {
  return instant(a) >= instant(b) ? a : b;
}

import countries from "i18n-iso-countries";

/**
 * Human labels for codes found in the data. Unknown codes fall back to a readable form of the code itself, so a new
 * study or outlet kind never breaks the report.
 */

const ORGANISATIONS: Record<string, string> = {
  EU: "European Union",
  OAS: "Organization of American States",
  UN: "United Nations",
  CARTER_CENTER: "Carter Center",
  ALBA: "ALBA",
  OPEC: "OPEC",
  MERCOSUR: "Mercosur",
  G7: "G7",
  CELAC: "CELAC",
};

const STANCE_LABELS: Record<string, string> = {
  endorsed: "endorsed",
  reported: "reported",
  rejected: "rejected",
  recognizes_maduro: "recognises Maduro",
  recognizes_gonzalez: "recognises González",
  rejects_result: "rejects the result",
  demands_verification: "demands verification",
};

/** Built-in labels for the claim kinds of the guideline; a codebook may override them. */
export const DEFAULT_CLAIM_KIND_LABELS: Record<string, string> = {
  result_cne: "CNE result",
  result_opposition: "Opposition tally sheets",
  turnout: "Turnout",
  arrests: "Arrests",
  deaths: "Deaths",
  injured: "Injured",
  tally_coverage: "Share of tally sheets",
};

/** "state_funded_international" → "State funded international". */
export function humanize(code: string): string {
  const text = code.replace(/[_-]+/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function countryName(code: string): string {
  if (code === "XX") return "Transnational";
  return countries.getName(code, "en") ?? code;
}

/** Country or organisation name for an actor code (the view's actor_name wins when present). */
export function actorLabel(code: string, name?: string | null): string {
  if (name) return name;
  return ORGANISATIONS[code] ?? countryName(code);
}

export function isOrganisation(code: string, kind?: string | null): boolean {
  if (kind) return kind !== "country";
  return code in ORGANISATIONS || !/^[A-Z]{2}$/.test(code);
}

export function stanceLabel(stance: string): string {
  return STANCE_LABELS[stance] ?? humanize(stance).toLowerCase();
}

export function kindLabel(kind: string): string {
  return humanize(kind);
}

/** ISO 3166-1 numeric code (as world-atlas ids: "862") for an alpha-2 code, or null. */
export function numericCountryCode(alpha2: string): string | null {
  return countries.alpha2ToNumeric(alpha2) ?? null;
}

/** Formats a share 0..1 as a whole percentage. */
export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** Formats a count with thin thousands separators. */
export function count(n: number): string {
  return n.toLocaleString("en-GB");
}

/** "1 article", "3 articles" (English plurals in -s, which is all the report needs). */
export function plural(n: number, word: string): string {
  return `${count(n)} ${n === 1 ? word : `${word}s`}`;
}

/** "1 outlet", "7 countries", "3 outlet kinds". */
export function pluralNoun(n: number, noun: string): string {
  if (n === 1) return `${count(n)} ${noun}`;
  return `${count(n)} ${/[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
}

import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import type { Codebook } from "../codebook/schema.ts";

/**
 * Names and kinds of recognition actors for the `recognitions` table: ISO 3166-1 alpha-2 codes are countries (English
 * name from i18n-iso-countries); anything else is an organisation (name from ORGANISATION_NAMES, else the codebook's
 * first name for it, else the code itself).
 */

/** English names of organisation codes common in recognition statements; override or extend per load. */
export const ORGANISATION_NAMES: Readonly<Record<string, string>> = {
  EU: "European Union",
  OAS: "Organization of American States",
  UN: "United Nations",
  CARTER_CENTER: "Carter Center",
  MERCOSUR: "Mercosur",
  CELAC: "CELAC",
  ALBA: "ALBA",
  G7: "G7",
  BRICS: "BRICS",
  LIMA_GROUP: "Lima Group",
};

export type ActorNames = (code: string) => { name: string; kind: "country" | "organisation" };

countries.registerLocale(en);

/** Builds the actor lookup from the codebook (its recognition.actors and organisations) and the ISO list. */
export function actorNames(codebook?: Codebook, extra: Record<string, string> = {}): ActorNames {
  const recognition = (codebook as { recognition?: { actors?: { code: string; names?: string[] }[] } } | undefined)
    ?.recognition;
  const codebookNames = new Map<string, string>();
  for (const actor of recognition?.actors ?? []) {
    const first = actor.names?.find((n) => !n.startsWith("="));
    if (first) codebookNames.set(actor.code, first);
  }
  const cache = new Map<string, ReturnType<ActorNames>>();
  return (code) => {
    let found = cache.get(code);
    if (!found) {
      const iso = /^[A-Z]{2}$/.test(code) ? countryName(code) : undefined;
      found = iso
        ? { name: extra[code] ?? iso, kind: "country" }
        : { name: extra[code] ?? ORGANISATION_NAMES[code] ?? codebookNames.get(code) ?? code, kind: "organisation" };
      cache.set(code, found);
    }
    return found;
  };
}

const FORMAL_NAME = /, | of |\(|Federation/;

/** The everyday English name of a country ("United States", "Russia", "Iran"), not the formal one. */
export function countryName(code: string): string | undefined {
  const names = countries.getName(code, "en", { select: "all" }) as string[] | undefined;
  const first = names?.[0];
  if (!names || !first) return undefined;
  if (!FORMAL_NAME.test(first)) return first;
  const everyday = names
    .slice(1)
    .filter((n) => n.length >= 4 && !/[,(.]/.test(n) && n !== n.toUpperCase())
    .sort((a, b) => a.length - b.length)[0];
  return everyday ?? first.split(", ")[0];
}

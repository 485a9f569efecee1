/**
 * Fixed colours that survive colour-vision deficiency. Stances use a diverging orange–grey–blue scheme (endorsed and
 * rejected are opposites, reported is the neutral middle); categories use the Okabe–Ito palette. Colour is never the
 * only carrier of meaning: every chart has labels, tooltips and a data table.
 */

export const FRAME_STANCES = ["endorsed", "reported", "rejected"] as const;

export const STANCE_COLORS: Record<(typeof FRAME_STANCES)[number], string> = {
  endorsed: "#D55E00",
  reported: "#9E9E9E",
  rejected: "#0072B2",
};

export const RECOGNITION_STANCES = [
  "recognizes_maduro",
  "recognizes_gonzalez",
  "rejects_result",
  "demands_verification",
] as const;

export const RECOGNITION_COLORS: Record<string, string> = {
  recognizes_maduro: "#E69F00",
  recognizes_gonzalez: "#0072B2",
  rejects_result: "#CC79A7",
  demands_verification: "#009E73",
};

/** Okabe–Ito, without black first (black is kept for text), then a neutral grey. */
export const CATEGORICAL = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#000000",
  "#999999",
];

/** Single-hue sequential steps (light → dark blue) for shares; readable under every CVD type. */
export const SEQUENTIAL_BLUES = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];

/** Countries without data on the map. */
export const BASE_MAP_FILL = "#e6e6e6";
export const BASE_MAP_STROKE = "#ffffff";

/** A colour for each of `keys` in order (cycling the categorical palette). */
export function categoricalColors(keys: readonly string[]): string[] {
  return keys.map((_, i) => CATEGORICAL[i % CATEGORICAL.length] ?? "#999999");
}

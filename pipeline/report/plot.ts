import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { type Html, raw } from "./html.ts";

/**
 * Observable Plot rendered at build time on linkedom's DOM: the pages ship plain SVG, no JavaScript and no CDN.
 * Plot returns a <figure> when given a title or legend (STACK-NOTES), so titles and legends are drawn by our own
 * HTML around the SVG and Plot is always asked for a bare <svg>.
 */

export const DEFAULT_WIDTH = 860;
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

let sharedDocument: Document | null = null;

function plotDocument(): Document {
  if (!sharedDocument) {
    sharedDocument = parseHTML("<!doctype html><html><head></head><body></body></html>")
      .document as unknown as Document;
  }
  return sharedDocument;
}

export type PlotOptions = Plot.PlotOptions;

/** Renders a Plot chart to SVG markup; `label` becomes the chart's aria-label (what a screen reader announces). */
export function renderPlot(options: PlotOptions, label: string, description?: string): Html {
  const element = Plot.plot({
    width: DEFAULT_WIDTH,
    style: { fontFamily: FONT_FAMILY, fontSize: "12px", background: "white", color: "#222" },
    ...options,
    title: undefined,
    subtitle: undefined,
    caption: undefined,
    ariaLabel: label,
    ariaDescription: description,
    document: plotDocument(),
  });
  const svg = element as unknown as { outerHTML: string; tagName: string; setAttribute(n: string, v: string): void };
  if (svg.tagName.toLowerCase() !== "svg") throw new Error(`Plot returned <${svg.tagName}> instead of <svg>`);
  svg.setAttribute("role", "img");
  return raw(escapeAttributeBrackets(svg.outerHTML));
}

/**
 * linkedom escapes quotes and ampersands in attribute values but leaves < and >, which are harmless inside quotes
 * but look like markup to anyone scanning the page; escape them too (text nodes already have them escaped).
 */
function escapeAttributeBrackets(markup: string): string {
  return markup.replace(/="([^"]*)"/g, (_, value: string) => `="${value.replace(/</g, "&lt;").replace(/>/g, "&gt;")}"`);
}

export { Plot };

/** Axis options for counts: at most 10 ticks and never a fractional tick label ("0.5 articles"). */
export function countTicks(max: number): { ticks: number; tickFormat: (d: number) => string } {
  return {
    ticks: Math.max(1, Math.min(10, Math.ceil(max))),
    tickFormat: (d: number) => (Number.isInteger(d) ? d.toLocaleString("en-GB") : ""),
  };
}

/** Approximate width of a label in px at the charts' 12px font (Plot cannot measure text at build time). */
const CHAR_WIDTH = 6.8;

/** A left margin wide enough for the longest of `labels` (within bounds), so row names are not cut off. */
export function labelMargin(labels: Iterable<string>, min = 40, max = 280): number {
  let longest = 0;
  for (const label of labels) longest = Math.max(longest, label.length);
  return Math.round(Math.min(max, Math.max(min, longest * CHAR_WIDTH + 14)));
}

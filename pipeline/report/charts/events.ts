import { type Html, html } from "../html.ts";
import { Plot } from "../plot.ts";
import type { StudyInfo } from "../types.ts";

/** The study's key events (codebook `events`) as dashed rules numbered at the top of a time chart, plus a key. */

export function utcDate(day: string): Date {
  return new Date(`${day.slice(0, 10)}T00:00:00Z`);
}

/** Events inside [from, to] (inclusive, "YYYY-MM-DD"), numbered from 1 in date order. */
export function eventsBetween(study: StudyInfo, from: string | null, to: string | null) {
  return [...study.events]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((e, i) => ({ ...e, no: i + 1 }))
    .filter((e) => (!from || e.date >= from.slice(0, 10)) && (!to || e.date <= to.slice(0, 10)));
}

export type NumberedEvent = ReturnType<typeof eventsBetween>[number];

/**
 * Plot marks for events: a dashed rule and its number, staggered so adjacent days stay readable. In a faceted chart
 * pass the top facet's `fy` value so the numbers are drawn once, above the first panel.
 */
export function eventMarks(events: readonly NumberedEvent[], topFacet?: string): Plot.Markish[] {
  if (events.length === 0) return [];
  const data = events.map((e, i) => ({ ...e, x: utcDate(e.date), dy: -6 - (i % 2) * 12, fy: topFacet }));
  const facet = topFacet === undefined ? {} : { fy: "fy" as const };
  return [
    Plot.ruleX(data, { x: "x", stroke: "#333", strokeWidth: 1, strokeDasharray: "3,3" }),
    Plot.text(
      data.filter((_, i) => i % 2 === 0),
      { x: "x", text: (d) => String(d.no), frameAnchor: "top", dy: -6, fontWeight: "bold", fill: "#333", ...facet },
    ),
    Plot.text(
      data.filter((_, i) => i % 2 === 1),
      { x: "x", text: (d) => String(d.no), frameAnchor: "top", dy: -18, fontWeight: "bold", fill: "#333", ...facet },
    ),
  ];
}

/** The key of the numbered event rules. */
export function eventKey(events: readonly NumberedEvent[]): Html {
  if (events.length === 0) return html``;
  return html`<ol class="events" aria-label="Key events marked on the chart">${events.map(
    (e) => html`<li value="${e.no}"><time datetime="${e.date}">${e.date}</time> ${e.label}</li>`,
  )}</ol>`;
}

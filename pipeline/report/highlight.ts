import { type Html, html, join } from "./html.ts";
import type { ArticleTag } from "./types.ts";

/**
 * Marks every tag's evidence in an article's text. Tags overlap (a claim sentence holds a source's words), so the text
 * is cut at every tag boundary and each piece is wrapped in one <mark> whose classes name every category covering it;
 * a numbered reference after each tag's end links to its row in the tag table, and the mark's title lists the rules.
 */

export interface LocatedTag extends ArticleTag {
  /** 1-based number shown in the text and the table. */
  no: number;
  /** Offsets in the text, or null when the evidence could not be found there. */
  span: { start: number; end: number } | null;
}

/** Uses the stored offsets when they still point at the evidence, else the first occurrence of the evidence. */
export function locateTags(text: string, tags: readonly ArticleTag[]): LocatedTag[] {
  return tags.map((t, i) => {
    let span: LocatedTag["span"] = null;
    if (t.start !== null && t.end !== null && t.start >= 0 && t.end <= text.length && t.start < t.end) {
      if (text.slice(t.start, t.end) === t.evidence || !t.evidence) span = { start: t.start, end: t.end };
    }
    if (!span && t.evidence) {
      const at = text.indexOf(t.evidence);
      if (at >= 0) span = { start: at, end: at + t.evidence.length };
    }
    return { ...t, no: i + 1, span };
  });
}

export function tagTitle(t: LocatedTag): string {
  return `${t.no}. ${t.category} ${t.label}${t.detail ? ` (${t.detail})` : ""}: rule ${t.rule}`;
}

/** The text with highlights; `tags` must come from `locateTags` over the same text. */
export function highlightText(text: string, tags: readonly LocatedTag[]): Html {
  const located = tags.filter((t) => t.span !== null);
  const cuts = new Set<number>([0, text.length]);
  for (const t of located) {
    cuts.add(t.span?.start ?? 0);
    cuts.add(t.span?.end ?? 0);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const endsAt = new Map<number, LocatedTag[]>();
  for (const t of located) {
    const end = t.span?.end ?? 0;
    endsAt.set(end, [...(endsAt.get(end) ?? []), t]);
  }
  const parts: Html[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] ?? 0;
    const to = points[i + 1] ?? 0;
    const piece = text.slice(from, to);
    const covering = located.filter((t) => (t.span?.start ?? 0) <= from && (t.span?.end ?? 0) >= to);
    if (covering.length === 0) parts.push(html`${piece}`);
    else {
      const classes = [...new Set(covering.map((t) => `hl-${t.category}`))].sort().join(" ");
      parts.push(html`<mark class="hl ${classes}" title="${covering.map(tagTitle).join("\n")}">${piece}</mark>`);
    }
    const ending = endsAt.get(to);
    if (ending) {
      parts.push(
        html`<sup class="ref">${join(
          ending.map(
            (t) => html`<a href="#tag-${t.no}" aria-label="tag ${t.no}: ${t.category} ${t.label}">${t.no}</a>`,
          ),
          ",",
        )}</sup>`,
      );
    }
  }
  return join(parts);
}

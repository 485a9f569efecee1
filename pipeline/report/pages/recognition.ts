import { recognitionMap, summariseActors } from "../charts/recognition-map.ts";
import { type Html, html } from "../html.ts";
import { actorLabel, plural, stanceLabel } from "../labels.ts";
import { page } from "../layout.ts";
import { RECOGNITION_COLORS, RECOGNITION_STANCES } from "../palette.ts";
import { articlePath, evidenceAnchor } from "../paths.ts";
import { type BuiltPage, outletLink, outletName, type SiteContext } from "../site.ts";
import type { RecognitionRow, ReportData } from "../types.ts";

/**
 * Recognition: the map of actors by reported stance, and the table actor × stance × who reported it and when, each
 * cell linking to its evidence passages on recognition-evidence.html.
 */

export const EVIDENCE_PAGE = "recognition-evidence.html";

function stancesIn(rows: readonly RecognitionRow[]): string[] {
  const extra = [...new Set(rows.map((r) => r.stance))].filter(
    (s) => !(RECOGNITION_STANCES as readonly string[]).includes(s),
  );
  return [...RECOGNITION_STANCES, ...extra.sort()];
}

export function recognitionPage(data: ReportData, ctx: SiteContext): BuiltPage {
  const path = "recognition.html";
  const root = "";
  const actors = summariseActors(data.recognition);
  const stances = stancesIn(data.recognition);
  const cell = (r: RecognitionRow | undefined): Html => {
    if (!r) return html`<td class="nil"><span class="visually-hidden">not reported</span></td>`;
    return html`<td><a href="${EVIDENCE_PAGE}#${evidenceAnchor(r.actor, r.stance)}">${plural(r.nOutlets, "outlet")}, ${plural(r.nArticles, "article")}</a>
<br><small>from <time datetime="${r.firstReported ?? ""}">${r.firstReported ?? "undated"}</time>: ${r.outlets.map(
      (o, i) => html`${i > 0 ? ", " : ""}${outletName(ctx, o)}`,
    )}</small></td>`;
  };
  const table =
    actors.length === 0
      ? html`<p class="empty">No recognition statements were tagged.</p>`
      : html`<div class="table-wrap"><table class="matrix"><caption>Actor × stance: how many outlets and articles reported it, from when, and which outlets (each cell links to the passages)</caption>
<thead><tr><th scope="col">Actor</th>${stances.map(
          (s) =>
            html`<th scope="col"><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${RECOGNITION_COLORS[s] ?? "#555"}"/></svg> ${stanceLabel(s)}</th>`,
        )}</tr></thead>
<tbody>${actors.map(
          (a) =>
            html`<tr><th scope="row">${a.name} <small>(${a.actor})</small></th>${stances.map((s) => cell(a.stances.find((r) => r.stance === s)))}</tr>`,
        )}</tbody></table></div>`;
  const body = html`
<p class="lede">Statements about whether a country or organisation accepts the announced result, as the coverage reports them. This measures what outlets wrote about each actor, not the actors' actual positions.</p>
${recognitionMap(data.recognition, root, ctx.files)}
<section aria-labelledby="matrix"><h2 id="matrix">Who reported what, and when</h2>
${table}
</section>`;
  return { path, html: page({ path, title: "Recognition", study: ctx.study, body }) };
}

/** The evidence passages of every actor × stance cell (the earliest ones when there are many). */
export function recognitionEvidencePage(data: ReportData, ctx: SiteContext): BuiltPage {
  const path = EVIDENCE_PAGE;
  const root = "";
  const byCell = new Map<string, typeof data.recognitionEvidence>();
  for (const e of data.recognitionEvidence) {
    const key = `${e.actor}\u0000${e.stance}`;
    const list = byCell.get(key);
    if (list) list.push(e);
    else byCell.set(key, [e]);
  }
  const body = html`
<p class="lede">Every passage behind the <a href="recognition.html#matrix">recognition table</a>, grouped by actor and stance, earliest first. Each passage links to its article, where it is highlighted in context.</p>
${data.recognition.map((r) => {
  const rows = byCell.get(`${r.actor}\u0000${r.stance}`) ?? [];
  return html`<section class="evidence-cell" id="${evidenceAnchor(r.actor, r.stance)}" aria-labelledby="${evidenceAnchor(r.actor, r.stance)}-h">
<h2 id="${evidenceAnchor(r.actor, r.stance)}-h">${actorLabel(r.actor, r.actorName)}: ${stanceLabel(r.stance)}</h2>
<p class="n">${plural(r.nArticles, "article")} in ${plural(r.nOutlets, "outlet")}${rows.length < r.nArticles ? `; the first ${rows.length} passages are shown` : ""}.</p>
<ol class="evidence">${rows.map(
    (e) => html`<li><blockquote>${e.evidence}</blockquote>
<p class="cite">${outletLink(ctx, e.outletId, root)}, <time datetime="${e.publishedDay ?? ""}">${e.publishedDay ?? "undated"}</time>: <a href="${articlePath(e.articleId)}">${e.title ?? "(untitled article)"}</a> <span class="rule" title="rule that produced the tag">${e.rule}</span></p></li>`,
  )}</ol>
</section>`;
})}`;
  return {
    path,
    html: page({ path, title: "Recognition: evidence", study: ctx.study, body, section: "recognition.html" }),
  };
}

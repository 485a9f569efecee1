import { sourceMixChart, topSourcesChart } from "../charts/sources.ts";
import { html } from "../html.ts";
import { page } from "../layout.ts";
import type { BuiltPage, SiteContext } from "../site.ts";
import type { ReportData } from "../types.ts";

/** Sources: the mix of source types per outlet, and the most-quoted sources per outlet kind. */

export function sourcesPage(data: ReportData, ctx: SiteContext): BuiltPage {
  const path = "sources.html";
  const root = "";
  const kinds = [...new Set(data.topSources.map((r) => r.outletKind))].sort();
  const body = html`
<p class="lede">Named people and organisations that articles quote or cite as the origin of information, typed by who they speak for (government, opposition, foreign governments, observers, media, …).</p>
<section aria-labelledby="mix"><h2 id="mix">Source types per outlet</h2>
${sourceMixChart(data.sourceMix, data.outlets, root, ctx.files)}
</section>
<section aria-labelledby="top"><h2 id="top">Most-quoted sources per outlet kind</h2>
${kinds.length === 0 ? html`<p class="empty">No sources were tagged.</p>` : kinds.map((k) => topSourcesChart(k, data.topSources, root, ctx.files))}
</section>`;
  return { path, html: page({ path, title: "Sources", study: ctx.study, body }) };
}

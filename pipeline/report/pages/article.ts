import { highlightText, locateTags } from "../highlight.ts";
import { externalLink, html } from "../html.ts";
import { actorLabel, countryName, humanize, kindLabel, stanceLabel } from "../labels.ts";
import { page, rootOf } from "../layout.ts";
import { articlePath, outletPath } from "../paths.ts";
import type { SiteContext } from "../site.ts";
import type { ArticleDetail } from "../types.ts";

/** One page per article: metadata, frames with stance, the text with every tag highlighted, and the tag table. */

const CATEGORY_LABELS: Record<string, string> = {
  frame: "Frame",
  recognition: "Recognition",
  source: "Source",
  claim: "Claim",
};

export function articlePage(a: ArticleDetail, ctx: SiteContext): { path: string; html: string } {
  const path = articlePath(a.articleId);
  const root = rootOf(path);
  const outlet = ctx.outlets.get(a.outletId);
  const tags = locateTags(a.text, a.tags);
  const frameLabel = (id: string) => ctx.study.frames.find((f) => f.id === id)?.label ?? id;
  const labelOf = (category: string, label: string) =>
    category === "frame"
      ? frameLabel(label)
      : category === "recognition"
        ? actorLabel(label)
        : category === "claim"
          ? (ctx.study.claimKinds[label] ?? (label || "claim"))
          : label;
  const detailOf = (category: string, detail: string) =>
    category === "frame" || category === "recognition"
      ? stanceLabel(detail)
      : category === "source"
        ? humanize(detail)
        : detail;
  const frames = Object.entries(a.frames).sort(([x], [y]) => x.localeCompare(y));
  const unlocated = tags.filter((t) => t.span === null).length;
  const body = html`
<p class="article-meta"><a href="${root}${outletPath(a.outletId)}">${outlet?.name ?? a.outletId}</a>${outlet ? ` (${countryName(outlet.country)}, ${kindLabel(outlet.kind)})` : ""} · <time datetime="${a.publishedAt ?? a.publishedDay ?? ""}">${a.publishedDay ?? "undated"}</time>${a.language ? ` · ${a.language}` : ""}${a.authors.length ? ` · by ${a.authors.join(", ")}` : ""}${a.section ? ` · section ${a.section}` : ""}</p>
<p class="article-meta">Original: ${externalLink(a.url)}${a.nVersions > 1 ? ` · ${a.nVersions} versions seen (the latest is shown)` : ""}${a.duplicateOf ? html` · republished copy of <a href="${root}${articlePath(a.duplicateOf)}">an earlier article</a>` : ""}</p>
<section aria-labelledby="a-frames"><h2 id="a-frames">Frames</h2>
${frames.length === 0 ? html`<p>No frame of the study is present.</p>` : html`<p>${frames.map(([f, s]) => html`<span class="stance stance-${s}">${frameLabel(f)}: ${stanceLabel(s)}</span> `)}</p>`}
</section>
<section aria-labelledby="a-text"><h2 id="a-text">Text with tags</h2>
<div class="hl-key" aria-label="Highlight key"><span><mark class="hl hl-frame">frame passage</mark></span><span><mark class="hl hl-recognition">recognition statement</mark></span><span><mark class="hl hl-source">source</mark></span><span><mark class="hl hl-claim">claim</mark></span><span>numbers link to the tag table; hover a passage for its rules</span></div>
<div class="article-text" lang="${a.language ?? ""}">${highlightText(a.text, tags)}</div>
</section>
<section aria-labelledby="a-tags"><h2 id="a-tags">Tags (${tags.length})</h2>
${unlocated > 0 ? html`<p class="empty">${unlocated} tag(s) could not be located in the text (their evidence no longer matches it).</p>` : ""}
${
  tags.length === 0
    ? html`<p>No tags.</p>`
    : html`<div class="table-wrap"><table class="tags"><thead><tr><th scope="col">#</th><th scope="col">Category</th><th scope="col">Tag</th><th scope="col">Evidence</th><th scope="col">Rule</th></tr></thead><tbody>${tags.map(
        (t) =>
          html`<tr id="tag-${t.no}"><td class="num">${t.no}</td><td>${CATEGORY_LABELS[t.category] ?? t.category}</td><td>${labelOf(t.category, t.label)}${t.detail ? html`<br><small>${detailOf(t.category, t.detail)}</small>` : ""}</td><td>${t.evidence}${t.span ? "" : html` <em>(not located)</em>`}</td><td><span class="rule">${t.rule}</span></td></tr>`,
      )}</tbody></table></div>`
}
</section>`;
  return {
    path,
    html: page({ path, title: a.title || "(untitled article)", study: ctx.study, body, section: "articles.html" }),
  };
}

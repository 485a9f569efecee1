import { describe, expect, it } from "vitest";
import { toCsv } from "../pipeline/report/csv.ts";
import { highlightText, locateTags } from "../pipeline/report/highlight.ts";
import { escapeHtml, externalLink, html, raw, safeExternalUrl, scriptJson } from "../pipeline/report/html.ts";
import { articlePath, outletPath } from "../pipeline/report/paths.ts";
import type { ArticleTag } from "../pipeline/report/types.ts";

describe("html escaping", () => {
  it("escapes every interpolated string, including in attributes", () => {
    const title = `"><img src=x onerror="alert(1)"><script>alert(2)</script>`;
    const out = html`<a title="${title}">${title}</a>`.value;
    expect(out).not.toContain("<script>");
    expect(out).not.toContain("<img");
    expect(out).toBe(
      '<a title="&quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;">&quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;</a>',
    );
  });

  it("keeps trusted fragments and joins arrays", () => {
    const items = ["<a>", "b"].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}${raw("<hr>")}${null}${false}</ul>`.value).toBe(
      "<ul><li>&lt;a&gt;</li><li>b</li><hr></ul>",
    );
    expect(escapeHtml("Tom & 'Jerry'")).toBe("Tom &amp; &#39;Jerry&#39;");
  });

  it("links only http(s) URLs", () => {
    expect(safeExternalUrl("javascript:alert(1)")).toBeNull();
    expect(safeExternalUrl("data:text/html,<script>")).toBeNull();
    expect(safeExternalUrl("not a url")).toBeNull();
    expect(safeExternalUrl("https://example.org/a?b=<c>")).toBe("https://example.org/a?b=%3Cc%3E");
    expect(externalLink("javascript:alert(1)").value).toBe('<span class="url">javascript:alert(1)</span>');
    expect(externalLink("https://example.org/").value).toContain('rel="noopener noreferrer nofollow"');
  });

  it("embeds JSON that cannot close a script element", () => {
    const out = scriptJson({ t: "</script><script>alert(1)</script>\u2028" });
    expect(out).not.toContain("</script>");
    expect(JSON.parse(out)).toEqual({ t: "</script><script>alert(1)</script>\u2028" });
  });
});

describe("csv", () => {
  it("quotes separators and neutralises spreadsheet formulas", () => {
    const csv = toCsv(
      [
        { key: "name", label: "Name", value: (r: { name: string; n: number }) => r.name },
        { key: "n", label: "N", value: (r: { name: string; n: number }) => r.n },
      ],
      [
        { name: 'a, "b"', n: -1 },
        { name: "=HYPERLINK(1)", n: 2 },
      ],
    );
    expect(csv).toBe(`name,n\n"a, ""b""",-1\n'=HYPERLINK(1),2\n`);
  });
});

describe("paths", () => {
  it("shards article pages and never lets an id escape its folder", () => {
    expect(articlePath("ab12cd34ef56ab78")).toBe("articles/ab/ab12cd34ef56ab78.html");
    expect(articlePath("../../etc/passwd")).toMatch(/^articles\/x[0-9a-f]\/x[0-9a-f]{16}\.html$/);
    expect(outletPath("canal-patria")).toBe("outlets/canal-patria.html");
    expect(outletPath("a/b")).toMatch(/^outlets\/x[0-9a-f]{16}\.html$/);
  });
});

describe("highlighting", () => {
  const text = "Alpha said the count was rigged. Beta <b>agreed</b>.";
  const tag = (category: ArticleTag["category"], start: number, end: number, evidence = text.slice(start, end)) => ({
    category,
    label: category,
    detail: "",
    evidence,
    start,
    end,
    rule: `rule.${category}`,
  });

  it("marks overlapping tags with every category and keeps the text intact", () => {
    const tags = locateTags(text, [tag("claim", 0, 32), tag("source", 0, 5), tag("frame", 6, 31)]);
    const out = highlightText(text, tags).value;
    expect(out).toContain(
      '<mark class="hl hl-claim hl-source" title="1. claim claim: rule rule.claim\n2. source source: rule rule.source">Alpha</mark>',
    );
    expect(out).toContain('<mark class="hl hl-claim hl-frame"');
    expect(out).toContain("&lt;b&gt;agreed&lt;/b&gt;");
    // Removing the markup gives back the escaped text.
    const stripped = out.replace(/<sup class="ref">.*?<\/sup>/g, "").replace(/<[^>]+>/g, "");
    expect(stripped).toBe(escapeHtml(text));
  });

  it("falls back to the evidence when offsets are stale, and reports tags it cannot find", () => {
    const tags = locateTags(text, [tag("source", 1, 4, "Beta"), tag("claim", 0, 3, "Gamma")]);
    expect(tags[0]?.span).toEqual({ start: 33, end: 37 });
    expect(tags[1]?.span).toBeNull();
    expect(highlightText(text, tags).value).toContain(">Beta</mark>");
  });
});

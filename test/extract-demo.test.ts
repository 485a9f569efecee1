import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoArticles } from "../demo/articles.ts";
import { type DemoWeb, startDemoWeb } from "../demo/server.ts";
import { extractArticle } from "../pipeline/extract/index.ts";

/**
 * Extraction of the offline demo web (our own pages, data/demo): every article page of every outlet served as HTML
 * must give exactly the article's paragraphs, title, day of publication, authors and language; the outlet whose
 * bodies are rendered by JavaScript must give "no article" (its text comes from the browser capture instead).
 */

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

describe.each([1, 2] as const)("demo web edition %i", (edition) => {
  let web: DemoWeb;
  beforeAll(async () => {
    web = await startDemoWeb({ edition });
  });
  afterAll(async () => {
    await web?.close();
  });

  it("extracts every article page exactly", async () => {
    const articles = new Map<
      string,
      { title: string; body: string; published: string; authors: string[]; language: string }
    >();
    for (const outlet of loadDemoArticles("data/demo/articles")) {
      for (const a of outlet.articles) {
        const body = edition === 2 && a.updated?.body ? a.updated.body : a.body;
        articles.set(`${outlet.outlet}/${a.slug}`, { ...a, body, language: outlet.language });
      }
    }
    const browserOutlets = new Set(web.registry.outlets.filter((o) => o.browser).map((o) => o.id));
    const mismatches: string[] = [];
    let checked = 0;
    for (const [key, url] of Object.entries(web.articleUrls)) {
      const want = articles.get(key);
      if (!want) throw new Error(`no demo article for ${key}`);
      const response = await fetch(url);
      const outcome = extractArticle(new Uint8Array(await response.arrayBuffer()), {
        url: response.url,
        contentType: response.headers.get("content-type"),
      });
      checked++;
      if (browserOutlets.has(key.split("/")[0] ?? "")) {
        if (outcome.ok) mismatches.push(`${key}: JavaScript shell gave text`);
        continue;
      }
      if (!outcome.ok) {
        mismatches.push(`${key}: ${outcome.reason}`);
        continue;
      }
      const page = outcome.page;
      const text = want.body
        .trim()
        .split(/\n\s*\n/)
        .map(norm)
        .join("\n\n");
      if (page.text !== text) mismatches.push(`${key}: text differs`);
      if (page.title !== norm(want.title)) mismatches.push(`${key}: title ${page.title}`);
      if (page.published?.slice(0, 10) !== String(want.published).slice(0, 10))
        mismatches.push(`${key}: published ${page.published}`);
      if (JSON.stringify(page.authors) !== JSON.stringify(want.authors))
        mismatches.push(`${key}: authors ${page.authors.join(", ")}`);
      if (page.language !== want.language) mismatches.push(`${key}: language ${page.language}`);
    }
    expect(checked).toBeGreaterThan(0);
    expect(mismatches).toEqual([]);
  });
});

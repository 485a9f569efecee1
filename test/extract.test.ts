import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../pipeline/extract/index.ts";
import { splitAuthors } from "../pipeline/extract/meta.ts";
import { canonicalUrl, normaliseUrl } from "../pipeline/extract/url.ts";

/** Our own short texts (see test/fixtures/extract/README.md): robustness, charsets, registry hints, identity. */

const PARAS = [
  "The river authority opened the new lock gates on Tuesday after three years of work on the old canal basin.",
  "Boat owners had waited through two dry summers while engineers rebuilt the walls and replaced the pumps.",
  "The authority said the basin would stay open all year and that mooring fees would not change before spring.",
];
const page = (body: string, head = "") =>
  `<!DOCTYPE html><html lang="en"><head><title>Lock gates reopen</title>${head}</head><body>${body}</body></html>`;
const article = `<article><h1>Lock gates reopen</h1>${PARAS.map((p) => `<p>${p}</p>`).join("")}</article>`;

describe("extractArticle robustness", () => {
  it("extracts a 10 MB page or reports no article, without throwing", () => {
    const filler = `<div class="x">${"<span>menu item</span>".repeat(20)}</div>`.repeat(Math.ceil(10_000_000 / 450));
    const html = page(`${filler}${article}`);
    expect(html.length).toBeGreaterThan(10_000_000);
    const outcome = extractArticle(html, { url: "https://river.example/lock" });
    if (outcome.ok) expect(outcome.page.text).toContain(PARAS[0]);
    else expect(outcome.reason).toMatch(/no article/);
  });

  it("survives 5,000 levels of nesting", () => {
    const html = page(`${"<div>".repeat(5000)}${article}${"</div>".repeat(5000)}`);
    const outcome = extractArticle(html, { url: "https://river.example/deep" });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.page.text).toBe(PARAS.join("\n\n"));
  });

  it("reads broken markup and pages without <html>/<body>", () => {
    const html = `<title>Lock gates reopen</title><h1>Lock gates reopen</h2><div><p>${PARAS.join("<p>")}</span></table><b>`;
    const outcome = extractArticle(html, { url: "https://river.example/broken" });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.page.title).toBe("Lock gates reopen");
      expect(outcome.page.text.split("\n\n")).toEqual(PARAS);
    }
  });

  it("refuses binary content served as HTML with a reason", () => {
    const outcome = extractArticle(new Uint8Array(randomBytes(200_000)), { url: "https://river.example/x.html" });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/binary|no HTML|no article/) });
    const typed = extractArticle("%PDF-1.7", { url: "https://river.example/x", contentType: "application/pdf" });
    expect(typed).toEqual({ ok: false, reason: "not HTML (content-type application/pdf)" });
  });

  it("reports no article for a JavaScript shell and for an empty page", () => {
    const shell = extractArticle(page('<div id="app">Loading…</div>'), { url: "https://river.example/app" });
    expect(shell.ok).toBe(false);
    const empty = extractArticle("", { url: "https://river.example/empty" });
    expect(empty.ok).toBe(false);
  });
});

describe("extractArticle charsets", () => {
  const text =
    "Les écluses rouvrent après trois ans de travaux sur le vieux bassin, à la grande joie des plaisanciers du canal.";
  const html = (meta: string) =>
    `<html><head>${meta}<title>Écluses</title></head><body><article><h1>Écluses</h1><p>${text}</p><p>${text}</p></article></body></html>`;
  it("decodes windows-1252 from the HTTP header, a meta declaration, or by sniffing", () => {
    const latin = (s: string) => Buffer.from(s, "latin1");
    for (const [bytes, contentType] of [
      [latin(html("")), "text/html; charset=ISO-8859-1"],
      [latin(html('<meta charset="windows-1252">')), null],
      [latin(html("")), null],
    ] as const) {
      const outcome = extractArticle(bytes, { url: "https://canal.example/ecluses", contentType });
      expect(outcome.ok && outcome.page.text.startsWith(text)).toBe(true);
    }
  });
  it("prefers valid UTF-8 over a wrong legacy declaration", () => {
    const outcome = extractArticle(Buffer.from(html('<meta charset="iso-8859-1">'), "utf8"), {
      url: "https://canal.example/e",
    });
    expect(outcome.ok && outcome.page.text.startsWith(text)).toBe(true);
  });
});

describe("registry extract hints", () => {
  // An outlet whose body sits in unlabelled divs next to a longer promo block: the general rules pick the promo.
  const promo = Array.from(
    { length: 6 },
    (_, i) =>
      `<p>Special offer number ${i} for our readers: subscribe today and save on every issue of the weekend magazine.</p>`,
  ).join("");
  const html = page(
    `<div class="a">${promo}</div><div class="b"><p>${PARAS.join("</p><p>")}</p><p class="kicker">Boats</p></div>`,
  );
  it("uses bodySelector and dropSelectors", () => {
    const outcome = extractArticle(html, {
      url: "https://river.example/hints",
      hints: { bodySelector: "div.b", dropSelectors: [".kicker"] },
    });
    expect(outcome.ok && outcome.page.text).toBe(PARAS.join("\n\n"));
    expect(outcome.ok && outcome.page.provenance.text).toBe("selector");
  });
  it("ignores an invalid selector instead of failing the page", () => {
    const outcome = extractArticle(page(article), {
      url: "https://river.example/bad-selector",
      hints: { bodySelector: "div[", dropSelectors: ["::nonsense(", ".kicker"] },
    });
    expect(outcome.ok && outcome.page.text).toBe(PARAS.join("\n\n"));
  });
});

describe("article identity", () => {
  it("normalises tracking parameters, fragments and trailing slashes", () => {
    expect(normaliseUrl("https://News.example/a/b/?utm_source=x&id=3&fbclid=1#top")).toBe(
      "https://news.example/a/b?id=3",
    );
    expect(normaliseUrl("https://news.example/a/b/")).toBe(normaliseUrl("https://news.example/a/b"));
  });
  it("takes the canonical URL only on the outlet's own hosts", () => {
    const own = ["www.news.example"];
    expect(canonicalUrl("https://www.news.example/x?utm_medium=rss", "https://news.example/story/", own)).toBe(
      "https://news.example/story",
    );
    expect(canonicalUrl("https://www.news.example/x", "https://wire.example/original", own)).toBe(
      "https://www.news.example/x",
    );
  });
});

describe("bylines", () => {
  it("splits names in the study languages and drops roles, dates and places", () => {
    expect(splitAuthors("By Ana Díaz and Joe Bloggs")).toEqual(["Ana Díaz", "Joe Bloggs"]);
    expect(splitAuthors("Por Lucía Pérez y Sanne de Vries — Caracas")).toEqual(["Lucía Pérez", "Sanne de Vries"]);
    expect(splitAuthors("Von Jonas Weber und Lena Braun")).toEqual(["Jonas Weber", "Lena Braun"]);
    expect(splitAuthors("Sarah E. Needleman")).toEqual(["Sarah E. Needleman"]);
    expect(splitAuthors("Tom Reddick, Staff Writer")).toEqual(["Tom Reddick"]);
    expect(splitAuthors("Posted by Mara Ellison · 30 July 2024")).toEqual(["Mara Ellison"]);
    expect(splitAuthors("Associated Press November 19, 9:02 AM")).toEqual([]);
  });
});

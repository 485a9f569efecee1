import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusContext } from "../bench/generate/file.ts";
import { articleHtml } from "../bench/generate/html.ts";
import { KIND_WEIGHTS, kindOf, planPage, varyNumbers } from "../bench/generate/pages.ts";
import { createRng } from "../bench/generate/prng.ts";
import { type GeneratedCorpus, generateCorpus } from "../bench/generate.ts";
import { iterateWarcResponses, readWarcResponse } from "../crawlers/archive/index.ts";
import { loadRegistry } from "../crawlers/registry/index.ts";
import { loadCodebook, topicMatcher } from "../pipeline/codebook/index.ts";

const LANGUAGES = ["en", "es", "pt", "nl"];
const SEED = 7;
let dir: string;
let corpus: GeneratedCorpus;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fw-generate-"));
  corpus = await generateCorpus({ articles: 600, outDir: join(dir, "a"), seed: SEED, recordsPerFile: 200, workers: 1 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("generateCorpus", () => {
  it("writes WARC files that crawlers/archive reads back record by record, at the offsets it reports", async () => {
    expect(corpus.files.map((f) => f.split("/").pop())).toEqual([
      "bench-00000.warc.gz",
      "bench-00001.warc.gz",
      "bench-00002.warc.gz",
    ]);
    let responses = 0;
    let pages = 0;
    for (const file of corpus.files) {
      for await (const entry of iterateWarcResponses(file)) {
        responses++;
        if (entry.status === 200 && /\/\d{4}\/\d{2}\/\d{2}\//.test(entry.url)) pages++;
        expect(entry.headers["content-type"]).toBe("text/html; charset=utf-8");
        expect(Number(entry.headers["content-length"])).toBe(entry.body.length);
        const again = await readWarcResponse(file, entry.offset);
        expect(again.url).toBe(entry.url);
        expect(again.body.equals(entry.body)).toBe(true);
      }
    }
    expect(responses).toBe(corpus.records);
    expect(pages).toBe(600);
    expect(corpus.records).toBeGreaterThan(600); // plus 404s and section pages
  });

  it("writes a registry the registry loader accepts, whose include patterns select exactly the article pages", async () => {
    const registry = loadRegistry(corpus.registryPath);
    const byHost = new Map(registry.outlets.map((o) => [new URL(o.homepage).host, o]));
    let articles = 0;
    for await (const entry of iterateWarcResponses(corpus.files[0] as string)) {
      const outlet = byHost.get(new URL(entry.url).host);
      expect(outlet, entry.url).toBeDefined();
      const isArticle = (outlet?.include ?? []).some((p) => new RegExp(p).test(entry.url));
      // Article pages and the 404s of mistyped article links match; section listings do not.
      expect(isArticle, entry.url).toBe(!entry.url.includes("?page="));
      if (isArticle && entry.status === 200) articles++;
    }
    expect(articles).toBe(200);
  });

  it("is deterministic: same bytes whatever the number of workers, and a smaller corpus is a prefix of a larger one", async () => {
    const parallel = await generateCorpus({
      articles: 600,
      outDir: join(dir, "b"),
      seed: SEED,
      recordsPerFile: 200,
      workers: 2,
    });
    for (const [i, file] of corpus.files.entries()) {
      expect(readFileSync(parallel.files[i] as string).equals(readFileSync(file))).toBe(true);
    }
    const smaller = await generateCorpus({
      articles: 250,
      outDir: join(dir, "c"),
      seed: SEED,
      recordsPerFile: 200,
      workers: 1,
    });
    expect(readFileSync(smaller.files[0] as string).equals(readFileSync(corpus.files[0] as string))).toBe(true);
    const other = await generateCorpus({
      articles: 200,
      outDir: join(dir, "d"),
      seed: SEED + 1,
      recordsPerFile: 200,
      workers: 1,
    });
    expect(readFileSync(other.files[0] as string).equals(readFileSync(corpus.files[0] as string))).toBe(false);
  });

  it("writes the same responses through crawlers/archive's WarcWriter with --writer framewatch", async () => {
    const viaWriter = await generateCorpus({
      articles: 200,
      outDir: join(dir, "e"),
      seed: SEED,
      recordsPerFile: 200,
      workers: 1,
      writer: "framewatch",
    });
    expect(viaWriter.files.map((f) => f.split("/").pop())).toEqual(["bench-00000.warc.gz"]);
    const ours: string[] = [];
    for await (const e of iterateWarcResponses(corpus.files[0] as string))
      ours.push(`${e.url} ${e.status} ${e.body.toString("base64")}`);
    const theirs: string[] = [];
    for await (const e of iterateWarcResponses(viaWriter.files[0] as string)) {
      theirs.push(`${e.url} ${e.status} ${e.body.toString("base64")}`);
      expect(e.warcHeaders["warc-framewatch-via"]).toBe("http");
    }
    expect(theirs).toEqual(ours);
    expect(viaWriter.records).toBe(ours.length);
  });

  it("counts pages by kind in the manifest, matching the WARC contents", () => {
    const manifest = JSON.parse(readFileSync(corpus.manifestPath, "utf8")) as {
      pages: number;
      kinds: Record<string, number>;
    };
    expect(manifest.pages).toBe(600);
    expect(Object.values(manifest.kinds).reduce((a, b) => a + b, 0)).toBe(600);
    expect(manifest.kinds).toEqual(corpus.kinds);
  });
});

describe("generated pages", () => {
  const ctx = corpusContext(SEED, LANGUAGES);

  it("come in the configured shares of kinds", () => {
    const n = 4000;
    const counts: Record<string, number> = {};
    for (let i = 0; i < n; i++) counts[kindOf(ctx, i)] = (counts[kindOf(ctx, i)] ?? 0) + 1;
    const total = Object.values(KIND_WEIGHTS).reduce((a, b) => a + b, 0);
    for (const [kind, weight] of Object.entries(KIND_WEIGHTS)) {
      expect(Math.abs((counts[kind] ?? 0) / n - weight / total), kind).toBeLessThan(0.02);
    }
  });

  it("are on topic (by the codebook's own filter) unless generated off topic, and dated in or out of the window as planned", () => {
    const { codebook } = loadCodebook("data/codebooks/venezuela-2024.yaml");
    const matches = topicMatcher(codebook.topic);
    for (let i = 0; i < 1500; i++) {
      const plan = planPage(ctx, i);
      if (plan.of !== null) continue;
      const verdict = matches(`${plan.title}\n${plan.paragraphs.join("\n\n")}`);
      expect(verdict.onTopic, `${plan.kind} ${plan.url}: ${verdict.matches.join(", ")}`).toBe(
        plan.kind !== "off_topic",
      );
      const day = plan.published.slice(0, 10);
      const inside = day >= codebook.topic.window.from && day <= codebook.topic.window.to;
      expect(inside, plan.published).toBe(plan.kind !== "out_of_window");
    }
  });

  it("repeat their original exactly when they are duplicates", () => {
    let seen = 0;
    for (let i = 0; i < 1500; i++) {
      const plan = planPage(ctx, i);
      if (plan.of === null) continue;
      seen++;
      const base = planPage(ctx, plan.of);
      expect(plan.of).toBeLessThan(i);
      if (plan.kind === "recapture") {
        expect(articleHtml(plan, ctx.material.get(plan.outlet.language)?.locale as never)).toBe(
          articleHtml(base, ctx.material.get(base.outlet.language)?.locale as never),
        );
        expect(plan.fetchedAt.getTime()).toBeGreaterThan(base.fetchedAt.getTime());
      } else if (plan.kind === "wire_copy") {
        expect(plan.paragraphs).toEqual(base.paragraphs);
        expect(plan.outlet.language).toBe(base.outlet.language);
        expect(plan.url).not.toBe(base.url);
      } else {
        expect(plan.url).toBe(base.url);
        expect(plan.paragraphs.slice(0, -1)).toEqual(base.paragraphs);
        expect(plan.modified).not.toBeNull();
      }
    }
    expect(seen).toBeGreaterThan(100);
  });

  it("vary small numbers but leave years, decimals and dates alone", () => {
    const rng = createRng(1);
    const text = "On 28/07/2024 the CNE gave 51,2 % and 6.408.844 votes; 80 % of 30 000 tables in 2024.";
    const outs = Array.from({ length: 30 }, () => varyNumbers(rng, text));
    for (const out of outs) {
      expect(out).toContain("28/07/2024");
      expect(out).toContain("51,2");
      expect(out).toContain("6.408.844");
      expect(out).toContain(" in 2024.");
    }
    expect(new Set(outs).size).toBeGreaterThan(1);
  });
});

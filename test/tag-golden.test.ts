import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCodebook } from "../pipeline/codebook/index.ts";
import { namesMatch } from "../pipeline/eval/index.ts";
import { createTagger } from "../pipeline/tag/index.ts";

/**
 * Golden cases of our own sentences (test/fixtures/tag/<slug>/{input.txt, expected.json}): per language, the cue
 * families (attribution, refutation, lists of countries, leaders and ministries, quotation styles, number formats).
 */

const FIXTURES = fileURLToPath(new URL("./fixtures/tag/", import.meta.url));
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

interface Expected {
  language: string;
  frames?: Record<string, string>;
  recognitions?: Array<[string, string]>;
  sources?: Array<[string, string]>;
  claims?: number[][];
}

const tagger = createTagger(loadCodebook());

describe("tagger golden cases", () => {
  it("covers the seven languages", () => {
    expect(new Set(CASES.map((c) => c.slice(0, 2)))).toEqual(new Set(["en", "es", "pt", "nl", "fr", "de", "it"]));
  });

  for (const slug of CASES) {
    it(slug, () => {
      const text = readFileSync(join(FIXTURES, slug, "input.txt"), "utf8");
      const expected = JSON.parse(readFileSync(join(FIXTURES, slug, "expected.json"), "utf8")) as Expected;
      const out = tagger.tag({ id: slug, text });
      expect(out.language).toBe(expected.language);
      if (expected.frames) expect(out.frames).toEqual(expected.frames);
      if (expected.recognitions) {
        const got = [...new Set(out.recognitions.map((r) => `${r.actor} ${r.stance}`))].sort();
        expect(got).toEqual(expected.recognitions.map(([a, s]) => `${a} ${s}`).sort());
      }
      for (const [name, type] of expected.sources ?? []) {
        const found = out.sources.find((s) => namesMatch(s.name, name));
        expect(found, `source ${name} in ${JSON.stringify(out.sources.map((s) => s.name))}`).toBeDefined();
        expect(found?.type).toBe(type);
      }
      for (const numbers of expected.claims ?? []) {
        expect(out.claims.map((c) => c.numbers)).toContainEqual(numbers);
      }
      for (const item of [...out.frameHits, ...out.recognitions, ...out.sources, ...out.claims]) {
        expect(text.slice(item.start, item.end)).toBe(item.evidence);
      }
    });
  }
});

import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ExtractedPage } from "../core/records.ts";
import { extractArticle } from "../pipeline/extract/index.ts";

/**
 * Golden pages of our own (test/fixtures/extract/<slug>/{source.html, expected.json}): every metadata source, the
 * boilerplate failure modes, six languages and legacy charsets. A missing expected.json is written from the current
 * output for review (and fails under CI=true). Also prints and asserts the title/date/language rates.
 */

const FIXTURES = fileURLToPath(new URL("./fixtures/extract/", import.meta.url));
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

interface Case {
  url: string;
  expected: Normalised;
}

type Normalised = Omit<ExtractedPage, "provenance"> & { provenance: Record<string, string> };

/** Output in comparable form: provenance narrowed to the fields the case asserts, text trimmed. */
function normalise(page: ExtractedPage, provenanceKeys: readonly string[]): Normalised {
  const provenance: Record<string, string> = {};
  for (const key of [...provenanceKeys].sort())
    if (page.provenance[key] !== undefined) provenance[key] = page.provenance[key];
  return {
    title: page.title,
    authors: page.authors,
    published: page.published,
    modified: page.modified,
    language: page.language,
    canonical: page.canonical,
    siteName: page.siteName,
    section: page.section,
    leadImage: page.leadImage,
    text: page.text.trim(),
    provenance,
  };
}

function run(slug: string): { actual: Normalised | null; reason?: string; expected: Case | null } {
  const dir = join(FIXTURES, slug);
  const expectedPath = join(dir, "expected.json");
  const expected = existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, "utf8")) as Case) : null;
  const url = expected?.url ?? `https://fixture.example/${slug}`;
  const outcome = extractArticle(readFileSync(join(dir, "source.html")), { url });
  if (!outcome.ok) return { actual: null, reason: outcome.reason, expected };
  const keys = expected ? Object.keys(expected.expected.provenance) : ["title", "published", "text"];
  return { actual: normalise(outcome.page, keys), expected };
}

describe("extract golden pages", () => {
  it("has at least 30 cases in 6 languages", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.slice(0, 2)))).toEqual(new Set(["en", "es", "pt", "nl", "fr", "de"]));
  });

  for (const slug of CASES) {
    it(slug, () => {
      const { actual, reason, expected } = run(slug);
      expect(reason).toBeUndefined();
      if (!expected) {
        if (process.env.CI === "true")
          throw new Error(`${slug}: expected.json missing (write it locally and review it)`);
        const path = join(FIXTURES, slug, "expected.json");
        writeFileSync(
          `${path}.tmp`,
          `${JSON.stringify({ url: `https://fixture.example/${slug}`, expected: actual }, null, 2)}\n`,
        );
        renameSync(`${path}.tmp`, path);
        return;
      }
      expect(actual).toEqual(expected.expected);
    });
  }

  it("meets the metadata rates (100% title, ≥ 95% published day, ≥ 95% language)", () => {
    let title = 0;
    let day = 0;
    let language = 0;
    let n = 0;
    for (const slug of CASES) {
      const { actual, expected } = run(slug);
      if (!expected) continue;
      n++;
      if (actual?.title === expected.expected.title) title++;
      if (actual?.published?.slice(0, 10) === expected.expected.published?.slice(0, 10)) day++;
      if (actual?.language === expected.expected.language) language++;
    }
    const pct = (k: number) => `${((100 * k) / n).toFixed(1)}%`;
    process.stdout.write(
      `extract golden rates over ${n} pages: title ${pct(title)}, published day ${pct(day)}, language ${pct(language)}\n`,
    );
    expect(n).toBeGreaterThanOrEqual(30);
    expect(title / n).toBe(1);
    expect(day / n).toBeGreaterThanOrEqual(0.95);
    expect(language / n).toBeGreaterThanOrEqual(0.95);
  });
});

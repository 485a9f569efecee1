import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../core/errors.ts";
import { DEFAULT_CODEBOOK, loadCodebook } from "../pipeline/codebook/index.ts";

/** Codebook validation: the real codebook loads; broken ones fail with the file and the field at fault. */

const dir = mkdtempSync(join(tmpdir(), "framewatch-codebook-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const source = readFileSync(DEFAULT_CODEBOOK, "utf8");

function broken(name: string, edit: (s: string) => string): string {
  const path = join(dir, name);
  writeFileSync(path, edit(source));
  return path;
}

describe("codebook", () => {
  it("loads the study codebook with cues for every language", () => {
    const { codebook, fingerprint } = loadCodebook();
    expect(fingerprint).toMatch(/^venezuela-2024@\d+#[0-9a-f]{12}$/);
    for (const frame of ["fraud_narrative", "coup_framing"]) {
      const def = codebook.frames.find((f) => f.id === frame);
      for (const lang of codebook.study.languages) expect(def?.cues[lang]?.length ?? 0).toBeGreaterThan(10);
    }
  });

  it("keeps the two leaning-defining frames equally developed per language", () => {
    const { codebook } = loadCodebook();
    const count = (id: string, lang: string) => {
      const f = codebook.frames.find((x) => x.id === id);
      return (f?.cues[lang]?.length ?? 0) + (f?.reportCues[lang]?.length ?? 0) + (f?.counterCues[lang]?.length ?? 0);
    };
    for (const lang of codebook.study.languages) {
      const ratio = count("fraud_narrative", lang) / count("coup_framing", lang);
      expect(ratio, lang).toBeGreaterThan(0.6);
      expect(ratio, lang).toBeLessThan(1.8);
    }
  });

  it("names the file and the field of a bad cue list", () => {
    const path = broken("bad-cue.yaml", (s) =>
      s.replace("    cues:\n      en: [fraud*,", "    cues:\n      english: [fraud*,"),
    );
    expect(() => loadCodebook(path)).toThrow(InputError);
    expect(() => loadCodebook(path)).toThrow(/bad-cue\.yaml field frames\.0\.cues/);
  });

  it("names the file and the field of a bad actor code", () => {
    const path = broken("bad-actor.yaml", (s) => s.replace("    - { code: BR,", "    - { code: br,"));
    expect(() => loadCodebook(path)).toThrow(/bad-actor\.yaml field recognition\.actors\.\d+\.code/);
  });

  it("names the field of a stance or type outside the study's vocabularies", () => {
    const stance = broken("bad-stance.yaml", (s) =>
      s.replace("defaultWinnerStance: recognizes_maduro", "defaultWinnerStance: likes_maduro"),
    );
    expect(() => loadCodebook(stance)).toThrow(/bad-stance\.yaml field recognition\.defaultWinnerStance/);
    const type = broken("bad-type.yaml", (s) => s.replace("  anonymousType: anonymous", "  anonymousType: unnamed"));
    expect(() => loadCodebook(type)).toThrow(/bad-type\.yaml field sources\.anonymousType/);
  });

  it("names the file and line of invalid YAML", () => {
    const path = broken("bad-yaml.yaml", (s) => `${s}\nsources: [unclosed\n`);
    expect(() => loadCodebook(path)).toThrow(/bad-yaml\.yaml:\d+/);
  });
});

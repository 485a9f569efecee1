import { describe, expect, it } from "vitest";
import { loadCodebook } from "../pipeline/codebook/index.ts";
import { createTagger } from "../pipeline/tag/index.ts";
import { findNumbers, parseNumeral } from "../pipeline/tag/numbers/index.ts";
import { findQuotes } from "../pipeline/tag/text/quotes.ts";

/**
 * Properties over generated texts of our own: every evidence is the exact substring at its offsets, and the output is
 * byte-identical across runs and across tagger instances (determinism). Plus the number and quote primitives.
 */

const PIECES = [
  "The opposition said the election was rigged.",
  "„Das war ein Putsch“, sagte der Minister.",
  "Según fuentes oficiales, hubo 1.200 detenidos y 24 muertos.",
  "«C’est une fraude», a déclaré la cheffe de l’opposition Maria Corina Machado.",
  "Volgens de regering was er geen sprake van fraude; de zogenaamde fraude is een verzinsel.",
  "Il governo ha denunciato un tentativo di colpo di stato con l'appoggio della CIA.",
  "O Itamaraty pediu a divulgação das atas, e a Argentina, o Uruguai e o Peru reconheceram González.",
  "— Não houve fraude nenhuma, disse o ministro.",
  "Brazil, Colombia and Mexico called for an impartial verification of the results, officials said.",
  "Caption: photo by AFP",
  "Maduro won 51.2% of the vote, or 6,408,844 ballots, the CNE announced on July 29, 2024.",
  "‘A coup is under way,’ he told ‘El País’.",
];

/** Deterministic pseudo-random texts (a fixed linear congruential sequence, no Math.random). */
function texts(n: number): string[] {
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  return Array.from({ length: n }, () => {
    const k = 2 + (next() % 8);
    const parts = Array.from({ length: k }, () => PIECES[next() % PIECES.length] as string);
    return parts.join(next() % 3 === 0 ? "\n\n" : " ");
  });
}

describe("tagger properties", () => {
  const loaded = loadCodebook();
  const a = createTagger(loaded);
  const b = createTagger(loaded);

  it("gives evidence that is the exact substring at its offsets", () => {
    for (const [i, text] of texts(60).entries()) {
      const out = a.tag({ id: String(i), text });
      for (const item of [...out.frameHits, ...out.recognitions, ...out.sources, ...out.claims]) {
        expect(item.evidence.length).toBeGreaterThan(0);
        expect(text.slice(item.start, item.end)).toBe(item.evidence);
        expect(item.rule).toMatch(/^[a-z]/);
      }
    }
  });

  it("is deterministic across runs and instances", () => {
    for (const [i, text] of texts(30).entries()) {
      const first = JSON.stringify(a.tag({ id: String(i), text }));
      expect(JSON.stringify(a.tag({ id: String(i), text }))).toBe(first);
      expect(JSON.stringify(b.tag({ id: String(i), text }))).toBe(first);
    }
  });

  it("stamps the codebook fingerprint", () => {
    expect(a.tag({ id: "x", text: PIECES[0] as string }).codebook).toBe(loaded.fingerprint);
  });
});

describe("numbers per locale", () => {
  it("reads separators by language and context", () => {
    expect(parseNumeral("51,2", "es", false)).toBe(51.2);
    expect(parseNumeral("2.000", "es", false)).toBe(2000);
    expect(parseNumeral("2.000", "de", false)).toBe(2000);
    expect(parseNumeral("6,408,844", "en", false)).toBe(6408844);
    expect(parseNumeral("6.408.844", "pt", false)).toBe(6408844);
    expect(parseNumeral("51.2", "es", false)).toBe(51.2);
    expect(parseNumeral("1.234,5", "nl", false)).toBe(1234.5);
    expect(parseNumeral("6,2", "nl", true)).toBe(6.2);
  });

  it("scales, spells out and leaves years and dates out", () => {
    const values = (text: string, language: string) => findNumbers(text, language).map((n) => n.value);
    expect(values("6,2 miljoen stemmen op 31 juli 2024", "nl")).toEqual([6200000]);
    expect(values("más de un millón de votos el 28 de julio", "es")).toEqual([1000000]);
    expect(values("ten years later, on July 28, at 6 p.m., 44.2 percent", "en")).toEqual([10, 44.2]);
    expect(values("na terça-feira (30), dois dias depois, em 2024", "pt")).toEqual([2]);
    expect(values("il 51,2 per cento dei voti, 25 milioni di dollari", "it")).toEqual([51.2, 25000000]);
    expect(values("am 28. Juli wurden 1.200 Menschen festgenommen", "de")).toEqual([1200]);
  });
});

describe("quotation styles", () => {
  it("finds every style the seven languages use", () => {
    const text = '“one two” „drei vier“ «cinq six» »sieben acht« "nine ten" ‘eleven twelve’\n— dialogue line here';
    expect(findQuotes(text).map((q) => q.style)).toEqual([
      "curly",
      "low9",
      "guillemets",
      "reverse_guillemets",
      "straight",
      "single_curly",
      "dialogue_dash",
    ]);
  });
});

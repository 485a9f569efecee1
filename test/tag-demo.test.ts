import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_ARTICLES_DIR, loadDemoArticles } from "../demo/articles.ts";
import { loadCodebook } from "../pipeline/codebook/index.ts";
import { evaluate, type GoldDoc } from "../pipeline/eval/index.ts";
import { createTagger } from "../pipeline/tag/index.ts";

/**
 * Regression floor on the demo corpus (our own articles with gold annotations by the guideline, data/demo/articles):
 * the tagger must keep at least these scores. Floors sit a little below the scores measured when they were set.
 */

const FLOORS = {
  framesMacroF1: 0.75,
  stanceAccuracy: 0.6,
  recognitionsF1: 0.6,
  sourcesF1: 0.5,
  claimsF1: 0.6,
  /** Largest gap allowed between the frames macro F1 of the government- and opposition-leaning groups. */
  leaningGap: 0.2,
};

const FRAMES = ["fraud_narrative", "coup_framing", "repression_framing", "foreign_interference"];

describe.skipIf(!existsSync(DEMO_ARTICLES_DIR))("tagger on the demo corpus", () => {
  it("keeps its floor scores", () => {
    const gold: GoldDoc[] = [];
    for (const outlet of loadDemoArticles()) {
      for (const a of outlet.articles) {
        if (!a.gold || !a.topic) continue;
        gold.push({
          id: `${outlet.outlet}/${a.slug}`,
          language: outlet.language,
          text: a.body,
          frames: a.gold.frames,
          recognitions: a.gold.recognitions,
          sources: a.gold.sources,
          claims: a.gold.claims,
        });
      }
    }
    expect(gold.length).toBeGreaterThan(10);
    const tagger = createTagger(loadCodebook());
    const r = evaluate(
      gold,
      gold.map((g) => tagger.tag({ id: g.id, text: g.text })),
      { frames: FRAMES },
    );
    expect(r.framesMacroF1).toBeGreaterThanOrEqual(FLOORS.framesMacroF1);
    expect(r.stance.accuracy).toBeGreaterThanOrEqual(FLOORS.stanceAccuracy);
    expect(r.recognitions.f1).toBeGreaterThanOrEqual(FLOORS.recognitionsF1);
    expect(r.sources.f1).toBeGreaterThanOrEqual(FLOORS.sourcesF1);
    expect(r.claims.f1).toBeGreaterThanOrEqual(FLOORS.claimsF1);
    const gap = Math.abs(r.byLeaning.government.framesMacroF1 - r.byLeaning.opposition.framesMacroF1);
    expect(gap).toBeLessThanOrEqual(FLOORS.leaningGap);
  });
});

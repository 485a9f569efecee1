import { describe, expect, it } from "vitest";
import { evaluate, type GoldDoc, leaningOf, mcc, namesMatch, type PredDoc, prf } from "../pipeline/eval/index.ts";

/** The scorer on tiny hand-made gold/prediction pairs whose scores are worked out by hand. */

function gold(id: string, frames: GoldDoc["frames"], extra: Partial<GoldDoc> = {}): GoldDoc {
  return {
    id,
    text: extra.text ?? "One sentence here. Another sentence there.",
    language: extra.language ?? "en",
    frames,
    recognitions: [],
    sources: [],
    claims: [],
    ...extra,
  };
}

describe("metrics", () => {
  it("computes MCC and F1 by hand-checked values", () => {
    expect(mcc(1, 0, 0, 1)).toBe(1);
    expect(mcc(0, 1, 1, 0)).toBe(-1);
    expect(mcc(5, 5, 0, 0)).toBe(0); // constant prediction
    expect(mcc(3, 1, 1, 3)).toBeCloseTo(0.5, 10);
    const p = prf({ tp: 2, fp: 1, fn: 1 });
    expect(p.precision).toBeCloseTo(2 / 3);
    expect(p.f1).toBeCloseTo(2 / 3);
  });

  it("derives the leaning from gold frames", () => {
    expect(leaningOf({ coup_framing: "endorsed" })).toBe("government");
    expect(leaningOf({ fraud_narrative: "rejected", coup_framing: "reported" })).toBe("government");
    expect(leaningOf({ fraud_narrative: "endorsed" })).toBe("opposition");
    expect(leaningOf({ repression_framing: "endorsed", fraud_narrative: "reported" })).toBe("opposition");
    expect(leaningOf({ fraud_narrative: "reported" })).toBe("neutral");
    expect(leaningOf({ fraud_narrative: "endorsed", coup_framing: "endorsed" })).toBe("neutral");
  });

  it("matches partial names with accents folded", () => {
    expect(namesMatch("González", "Edmundo González Urrutia")).toBe(true);
    expect(namesMatch("Consejo Nacional Electoral (CNE)", "CNE")).toBe(true);
    expect(namesMatch("Maria Corina Machado", "María Corina Machado")).toBe(true);
    expect(namesMatch("Edmundo González", "Nicolás Maduro")).toBe(false);
  });
});

describe("evaluate", () => {
  const g = [
    gold("a", { fraud_narrative: "endorsed" }),
    gold("b", { coup_framing: "endorsed", fraud_narrative: "rejected" }),
    gold("c", {}, { language: "es" }),
    gold("d", { fraud_narrative: "reported" }),
  ];
  const p: PredDoc[] = [
    { id: "a", frames: { fraud_narrative: "endorsed" }, recognitions: [], sources: [], claims: [] },
    { id: "b", frames: { coup_framing: "reported" }, recognitions: [], sources: [], claims: [] },
    { id: "c", frames: { fraud_narrative: "reported" }, recognitions: [], sources: [], claims: [] },
  ];
  const r = evaluate(g, p);

  it("scores frame presence, MCC and stance on detected frames", () => {
    const fraud = r.frames.fraud_narrative;
    // gold present in a, b, d; predicted in a, c → tp 1 (a), fp 1 (c), fn 2 (b, d), tn 0.
    expect([fraud?.tp, fraud?.fp, fraud?.fn, fraud?.tn]).toEqual([1, 1, 2, 0]);
    expect(fraud?.mcc).toBeCloseTo(mcc(1, 1, 2, 0));
    expect(r.frames.coup_framing?.stanceAccuracy).toBe(0);
    expect(r.stance).toEqual({ correct: 1, total: 2, accuracy: 0.5 });
    expect(r.missing).toEqual(["d"]);
  });

  it("groups by language and by gold leaning", () => {
    expect(Object.keys(r.byLanguage)).toEqual(["en", "es"]);
    expect(r.byLeaning.opposition.documents).toBe(1);
    expect(r.byLeaning.government.documents).toBe(1);
    expect(r.byLeaning.neutral.documents).toBe(2);
    expect(r.byLeaning.opposition.framesMacroF1).toBe(1);
    // government doc b: fraud missed (fn), coup found → fraud F1 0, coup F1 1 → macro 0.5
    expect(r.byLeaning.government.framesMacroF1).toBeCloseTo(0.5);
  });

  it("matches claims by span overlap and sources by name, with type accuracy", () => {
    const text = "The CNE said Maduro won 51.2% of the vote. Protesters were arrested in Caracas on Monday.";
    const gd = gold(
      "x",
      {},
      {
        text,
        sources: [{ name: "Consejo Nacional Electoral (CNE)", type: "venezuelan_government", evidence: "" }],
        claims: [
          { evidence: "The CNE said Maduro won 51.2% of the vote.", numbers: [51.2] },
          { evidence: "Protesters were arrested in Caracas on Monday.", numbers: [] },
        ],
        recognitions: [{ actor: "US", stance: "rejects_result", evidence: "" }],
      },
    );
    const pd: PredDoc = {
      id: "x",
      frames: {},
      recognitions: [
        { actor: "US", stance: "rejects_result" },
        { actor: "BR", stance: "demands_verification" },
      ],
      sources: [{ name: "CNE", type: "media" }],
      claims: [{ evidence: "Maduro won 51.2% of the vote.", numbers: [51.2] }],
    };
    const s = evaluate([gd], [pd]);
    expect([s.claims.tp, s.claims.fp, s.claims.fn]).toEqual([1, 0, 1]);
    expect([s.sources.tp, s.sources.typeAccuracy]).toEqual([1, 0]);
    expect([s.recognitions.tp, s.recognitions.fp, s.recognitions.fn]).toEqual([1, 1, 0]);
  });
});

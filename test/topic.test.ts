import { describe, expect, it } from "vitest";
import { inWindow, topicMatcher } from "../pipeline/codebook/topic.ts";

const spec = {
  keywords: ["Venezuela", "venezolan*", "Maduro", "Edmundo González", "CNE"],
  minDistinct: 2,
  window: { from: "2024-07-28", to: "2025-01-31" },
};

describe("topic filter", () => {
  const judge = topicMatcher(spec);

  it("needs the minimum number of distinct keywords, ignoring case and accents", () => {
    expect(judge("El CNE proclamó a MADURO ganador.")).toEqual({ onTopic: true, matches: ["Maduro", "CNE"] });
    expect(judge("Edmundo Gonzalez habló con la prensa venezolana.").matches).toEqual([
      "venezolan*",
      "Edmundo González",
    ]);
    expect(judge("Oil prices rose; Venezuela was mentioned once.").onTopic).toBe(false);
  });

  it("matches whole words only and lets a star take any ending", () => {
    expect(judge("The CNEs and Madurology are not keywords.").matches).toEqual([]);
    expect(judge("venezolanos y venezolanas").matches).toEqual(["venezolan*"]);
  });

  it("keeps dates inside the window and unknown dates", () => {
    expect(inWindow("2024-07-28T23:00:00-04:00", spec.window)).toBe(true);
    expect(inWindow("2025-02-01", spec.window)).toBe(false);
    expect(inWindow(null, spec.window)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { loadCodebook } from "../pipeline/codebook/index.ts";
import { namesMatch } from "../pipeline/eval/index.ts";
import { createTagger } from "../pipeline/tag/index.ts";

/**
 * The rules behind sources, claims, frame stance and language-bound actor names, on our own sentences (written for
 * this test, not taken from any outlet or corpus). Each case asserts what must be found and what must not.
 */

const tagger = createTagger(loadCodebook());

function tag(language: string, text: string) {
  return tagger.tag({ id: `${language}-case`, text, language });
}

function names(language: string, text: string): string[] {
  return tag(language, text).sources.map((s) => s.name);
}

describe("sources", () => {
  it("takes the name apposed to a role after an attribution phrase, not the role's object", () => {
    const got = names("en", "The count was clean, according to the head of the electoral council, Ramón Quintero.");
    expect(got).toEqual(["Ramón Quintero"]);
  });

  it("keeps the phrase's own preposition out of the object test ('according to CNE')", () => {
    expect(names("en", "According to the CNE, the count ended at midnight on Monday.")).toEqual(["CNE"]);
  });

  it("takes the apposed name after a postposed verb and a role (es)", () => {
    const got = names("es", "«No entregaremos las actas», dijo el ministro de Comunicación, Rafael Quintana Díaz.");
    expect(got).toEqual(["Rafael Quintana Díaz"]);
  });

  it("reads the subject after the verb when nothing precedes it in pro-drop languages (it)", () => {
    const out = tag("it", "Lo ha dichiarato Carla Benedetti, portavoce del ministero.");
    expect(out.sources.map((s) => s.name)).toEqual(["Carla Benedetti"]);
  });

  it("reads an opening 'Pour X,' as the holder of the view (fr)", () => {
    expect(names("fr", "Pour Jean-Paul Lemaire, le scrutin reste opaque.")).toEqual(["Jean-Paul Lemaire"]);
  });

  it("finds the subject inside a split verb and behind a role word (de)", () => {
    const out = tag("de", "„Die Zahlen stimmen nicht“, teilte Oppositionssprecherin Lena Brandt den Reportern mit.");
    expect(out.sources.some((s) => namesMatch(s.name, "Lena Brandt"))).toBe(true);
  });

  it("does not read a passive auxiliary across a closing quote ('… gezählt wird“, rief X')", () => {
    const out = tag(
      "de",
      "„Wir bleiben, bis jede Stimme gezählt wird“, rief Oppositionsführerin Lena Brandt den Anhängern zu.",
    );
    expect(out.sources.map((s) => s.name)).toEqual(["Lena Brandt"]);
    expect(out.sources[0]?.type).toBe("venezuelan_opposition");
  });

  it("gives a passive verb its agent, apposed name included (pt)", () => {
    const got = names("pt", "A decisão foi confirmada pelo diretor do instituto, Paulo Mendes Rocha.");
    expect(got).toEqual(["Paulo Mendes Rocha"]);
  });

  it("does not make a participle modifier a speech act ('la reelección proclamada por el CNE')", () => {
    expect(
      names("es", "La reelección proclamada por el Consejo Nacional Electoral fue cuestionada en la región."),
    ).toEqual([]);
  });

  it("does not read a role noun as a verb ('reporter' ~ 'reported')", () => {
    const out = tag("en", "Caracas-based reporter Ana Sousa said the streets were calm.");
    expect(out.sources.map((s) => [s.name, s.type])).toEqual([["Ana Sousa", "media"]]);
  });

  it("treats 'has been denouncing' as progressive, not passive", () => {
    const got = names("en", "For months, the Venezuelan government has been denouncing a plot.");
    expect(got).toEqual(["Venezuelan government"]);
  });

  it("keeps an unnamed speaker with its adjectives and without the article (nl)", () => {
    const out = tag("nl", "Een westerse diplomaat in Caracas zegt dat de kans op een akkoord kleiner wordt.");
    expect(out.sources.map((s) => [s.name, s.type])).toEqual([["westerse diplomaat", "anonymous"]]);
  });

  it("cites a counting organisation as a source (pt citation verb, de citation phrase)", () => {
    expect(names("pt", "O Foro Penal contabiliza 1.200 presos políticos desde a eleição.")).toEqual(["Foro Penal"]);
    expect(names("de", "Nach Zählung der Organisation Foro Penal sitzen 1.500 politische Gefangene in Haft.")).toEqual([
      "Foro Penal",
    ]);
  });

  it("skips a name inside a relative clause between subject and verb", () => {
    const got = names(
      "pt",
      "A Casa Rosada, que já reconhece Edmundo González como presidente eleito, classificou a decisão.",
    );
    expect(got).toEqual(["Casa Rosada"]);
  });
});

describe("frame stance", () => {
  it("keeps the text's own voice when a counting source gives the figure", () => {
    expect(tag("pt", "O Foro Penal contabiliza 1.200 presos políticos desde a eleição.").frames).toEqual({
      repression_framing: "endorsed",
    });
  });

  it("does not attribute a cue in a relative clause to the main clause's later verb", () => {
    const out = tag(
      "en",
      "The US State Department, which has backed earlier coup attempts, refused to recognise the result.",
    );
    expect(out.frames.coup_framing).toBe("endorsed");
  });

  it("reads a verb-like word after a determiner as a noun ('this claim')", () => {
    expect(tag("en", "This claim came after a coup attempt in the capital.").frames).toEqual({
      coup_framing: "endorsed",
    });
  });

  it("attributes by 'a suo dire' instead of reading scare quotes (it)", () => {
    const out = tag("it", "Maduro ha criticato i governi che, a suo dire, si sono «piegati all imperialismo».");
    expect(out.frames).toEqual({ foreign_interference: "reported" });
  });

  it("still rejects in the text's own voice", () => {
    expect(tag("en", "There is no evidence of fraud in the count, the figures show.").frames.fraud_narrative).toBe(
      "rejected",
    );
  });
});

describe("claims", () => {
  it("leaves out quoted speech without numbers", () => {
    const text = "“The people have spoken and the result is final,” the minister wrote on social media.";
    expect(tag("en", text).claims).toEqual([]);
  });

  it("leaves out a sentence that names no actor, date or number", () => {
    expect(tag("en", "The atmosphere in the streets was tense and many people stayed at home all day.").claims).toEqual(
      [],
    );
  });

  it("keeps who-did-what sentences and sentences with numbers", () => {
    const out = tag(
      "en",
      "The electoral council announced the final results on Monday evening in the capital. Turnout reached 59 percent of registered voters, officials said.",
    );
    expect(out.claims.map((c) => c.numbers)).toEqual([[], [59]]);
  });
});

describe("language-bound actor names", () => {
  it("reads Spanish 'EU' as the United States and English 'EU' as the European Union", () => {
    const es = tag("es", "EU reconoce a Edmundo González como presidente electo de Venezuela.");
    expect(es.recognitions.map((r) => [r.actor, r.stance])).toEqual([["US", "recognizes_gonzalez"]]);
    const en = tag("en", "The EU recognised Edmundo González as president-elect of Venezuela.");
    expect(en.recognitions.map((r) => [r.actor, r.stance])).toEqual([["EU", "recognizes_gonzalez"]]);
  });
});

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

  it("names a declined known actor by its base form (de): 'dem Auswärtigen Amt' is the Auswärtiges Amt", () => {
    const got = tag("de", "Das Auswärtige Amt erklärte am Dienstag, die Wahlakten müssten offengelegt werden.");
    expect(got.sources.map((s) => [s.name, s.type])).toEqual([["Auswärtiges Amt", "foreign_government"]]);
  });

  it("takes a government named by a demonym after the noun as the speaker (fr, it, pt)", () => {
    expect(names("fr", "Le gouvernement chilien a demandé mardi un nouveau décompte des voix.")).toEqual([
      "gouvernement chilien",
    ]);
    expect(names("it", "Il governo argentino ha chiesto una verifica indipendente dei verbali.")).toEqual([
      "governo argentino",
    ]);
    expect(names("pt", "O governo do Chile afirmou que não reconhece o resultado anunciado.")).toEqual([
      "governo do Chile",
    ]);
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

describe("frame stance: denials, refutation words and attribution scope", () => {
  it("rejects a frame denied in the text's own voice, in every language", () => {
    const cases: Array<[string, string, string]> = [
      ["en", "There was no fraud in the count; the observers saw every step.", "fraud_narrative"],
      ["en", "The protesters were not mercenaries but voters with pots and pans.", "coup_framing"],
      ["fr", "Il n’y a eu aucune fraude dans le décompte des voix.", "fraud_narrative"],
      ["de", "Das war kein Putsch, sondern ein Protest von Wählern.", "coup_framing"],
      ["nl", "Er is geen CIA die de mensen de straat op stuurt.", "foreign_interference"],
      ["es", "No hubo ningún golpe de Estado: hubo una protesta de votantes.", "coup_framing"],
      ["pt", "Não houve nenhuma tentativa de golpe, apenas eleitores nas ruas.", "coup_framing"],
      ["it", "Non c'è nessun golpe, soltanto elettori arrabbiati.", "coup_framing"],
    ];
    for (const [language, text, frame] of cases) {
      const out = tag(language, text);
      expect(out.frames, text).toEqual({ [frame]: "rejected" });
      expect(out.frameHits[0]?.rule, text).toMatch(/\.denial$/);
    }
  });

  it("reads a denied doubt as an affirmation ('no doubt of fraud', 'kein Zweifel', 'ninguna duda')", () => {
    expect(tag("en", "There is no doubt of fraud in the count.").frames).toEqual({ fraud_narrative: "endorsed" });
    expect(tag("de", "Es gibt keinen Zweifel am Wahlbetrug.").frames).toEqual({ fraud_narrative: "endorsed" });
    expect(tag("es", "No hay ninguna duda del fraude en el conteo.").frames).toEqual({ fraud_narrative: "endorsed" });
    expect(tag("it", "Non c è nessun dubbio sui brogli nel conteggio.").frames).toEqual({
      fraud_narrative: "endorsed",
    });
  });

  it("only reports a denial made by someone else", () => {
    expect(tag("en", "The minister said there was no fraud in the count.").frames).toEqual({
      fraud_narrative: "reported",
    });
    expect(tag("es", "El ministro dijo que no hubo ningún intento de golpe en el país.").frames).toEqual({
      coup_framing: "reported",
    });
    expect(tag("de", "Der Minister sagte, es habe keinen Putschversuch gegeben.").frames).toEqual({
      coup_framing: "reported",
    });
  });

  it("rejects by 'myth', 'fable', 'geen sprake', 'nicht gegeben' in the text's voice", () => {
    const cases: Array<[string, string, string]> = [
      ["es", "El mito del fraude se desmorona con cada auditoría.", "fraud_narrative"],
      ["fr", "Le mythe de la fraude ne résiste pas aux procès-verbaux.", "fraud_narrative"],
      ["pt", "O mito da fraude não resiste às atas.", "fraud_narrative"],
      ["it", "Il governo ripete la favola del colpo di Stato ogni settimana.", "coup_framing"],
      ["nl", "Van een staatsgreep is geen sprake: geen enkele kazerne kwam in opstand.", "coup_framing"],
      ["de", "Einen Wahlbetrug hat es nicht gegeben, das zeigen die Protokolle.", "fraud_narrative"],
    ];
    for (const [language, text, frame] of cases) {
      expect(tag(language, text).frames, text).toEqual({ [frame]: "rejected" });
    }
  });

  it("reads plural nouns of speech verbs as nouns ('warnings', 'déclarations', 'manifestantes')", () => {
    const cases: Array<[string, string, string]> = [
      ["en", "The unrest sparked warnings of a coup attempt in the capital.", "coup_framing"],
      ["nl", "De waarschuwingen voor een staatsgreep namen toe in de hoofdstad.", "coup_framing"],
      ["de", "Die Warnungen vor einem Putsch häuften sich in der Hauptstadt.", "coup_framing"],
      ["fr", "Les déclarations sur le coup d'État se sont multipliées dans la capitale.", "coup_framing"],
      ["it", "Le dichiarazioni sul colpo di Stato si sono moltiplicate nella capitale.", "coup_framing"],
    ];
    for (const [language, text, frame] of cases) {
      expect(tag(language, text).frames, text).toEqual({ [frame]: "endorsed" });
    }
    // The verb itself still attributes.
    expect(tag("pt", "Os manifestantes denunciaram a fraude nas ruas de Caracas.").frames).toEqual({
      fraud_narrative: "reported",
    });
  });

  it("does not attribute by a negated speech verb ('never published')", () => {
    const cases: Array<[string, string]> = [
      ["en", "The authorities have never published the records, while the tally sheets show González won."],
      ["es", "El CNE nunca publicó las actas, y las actas muestran que González ganó."],
      ["fr", "Les autorités n'ont jamais publié les résultats, et les procès-verbaux montrent que González a gagné."],
    ];
    for (const [language, text] of cases) {
      expect(tag(language, text).frames, text).toEqual({ fraud_narrative: "endorsed" });
    }
  });

  it("keeps the text's own wording when the frame cue is also a recognition cue, or after a bare participle", () => {
    expect(tag("en", "Edmundo González, the rightful winner of the vote, travelled to Madrid.").frames).toEqual({
      fraud_narrative: "endorsed",
    });
    expect(tag("it", "Edmundo González, il legittimo vincitore delle elezioni, è arrivato a Madrid.").frames).toEqual({
      fraud_narrative: "endorsed",
    });
    expect(tag("es", "Los vecinos protestaron contra el resultado fraudulento anunciado por el CNE.").frames).toEqual({
      fraud_narrative: "endorsed",
    });
    // A speech verb still attributes the same wording.
    expect(tag("en", "The opposition countered that the results are fraudulent.").frames).toEqual({
      fraud_narrative: "reported",
    });
  });

  it("reads a quoted proper name as a name, not as scare quotes", () => {
    expect(tag("es", "Las fuerzas de seguridad ejecutan la «Operación Tun Tun» en los barrios.").frames).toEqual({
      repression_framing: "endorsed",
    });
  });
});

describe("frame stance: report-cue-only frames follow the text's side", () => {
  const cases: Array<[string, string, string, string]> = [
    [
      "en",
      "The fraud of 28 July is plain to see.",
      "The coup attempt has failed.",
      "Hundreds of protesters were arrested in the following days.",
    ],
    [
      "de",
      "Der Wahlbetrug vom 28. Juli ist offensichtlich.",
      "Der Putschversuch ist gescheitert.",
      "Hunderte Demonstranten wurden festgenommen.",
    ],
    [
      "nl",
      "De fraude van 28 juli is overduidelijk.",
      "De staatsgreep is mislukt.",
      "Honderden betogers werden opgepakt.",
    ],
  ];
  for (const [language, opposition, government, arrests] of cases) {
    it(`endorses after an opposition-side sentence, rejects after a government-side one, reports alone (${language})`, () => {
      expect(tag(language, `${opposition}\n${arrests}`).frames.repression_framing).toBe("endorsed");
      expect(tag(language, `${government}\n${arrests}`).frames.repression_framing).toBe("rejected");
      expect(tag(language, arrests).frames).toEqual({ repression_framing: "reported" });
    });
  }

  it("leaves the decision to the sentence when side-taking is off", () => {
    const plain = createTagger(loadCodebook(), { frames: { sideTaking: false } });
    const out = plain.tag({ id: "x", language: "en", text: `${cases[0]?.[1]}\n${cases[0]?.[3]}` });
    expect(out.frames.repression_framing).toBe("reported");
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

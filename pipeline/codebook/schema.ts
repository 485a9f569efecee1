import { z } from "zod";

/**
 * The codebook: everything a study knows (frames, cues per language, actors, vocabularies). The engine is generic;
 * a new study is a new codebook file. study/topic/events/frames are shared with other stages; the sections
 * `language`, `recognition`, `sources` and `claims` (and `frames[].cues`) are read by the tagger (pipeline/tag).
 *
 * Cue syntax (see docs/tagger.md): a cue is a phrase of words matched on stems of the text's language; a word ending
 * in `*` matches any word starting with it (accents and case folded); `...` lets up to four words pass between two
 * words; a word in `=` (e.g. `=US`) must match the text exactly, case included.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const langCode = z.string().regex(/^[a-z]{2}$/, "an ISO 639-1 language code");
const cue = z.string().min(1, "a cue must not be empty");

/** Cue phrases per language: `{en: [...], es: [...]}`. */
export const CueListSchema = z.record(langCode, z.array(cue)).default({});
export type CueList = z.infer<typeof CueListSchema>;

export const StudySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  version: z.string().min(1),
  title: z.string().min(1),
  description: z.string().optional(),
  languages: z.array(langCode).min(1),
});

export const TopicSchema = z.object({
  keywords: z.array(z.string().min(2)).min(1),
  minDistinct: z.int().min(1).default(2),
  window: z.object({ from: isoDate, to: isoDate }),
});

export const EventSchema = z.object({
  date: isoDate,
  id: z.string(),
  label: z.string(),
});

export const FrameDefSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string(),
  description: z.string(),
  /** Phrases that put the frame forward (presence); the stance comes from the sentence around them. */
  cues: CueListSchema,
  /** Phrases whose own-voice use still only reports the frame ("disputed election", "alleged coup"). */
  reportCues: CueListSchema,
  /** Phrases that argue against the frame in their own right ("free and fair election" against fraud). */
  counterCues: CueListSchema,
  /** Phrases that mark the frame's cue as the text's own assertion even when the sentence reports speech. */
  strongCues: CueListSchema,
  /**
   * The stance this frame takes in a text leaning to each side ("opposition": "endorsed"). A text's leaning comes
   * from its own-voice endorsed/rejected hits of frames with sides; a frame known only from own-voice `reportCues`
   * ("were arrested") then takes the stance of the text's side. The same rule holds for every frame and side.
   */
  sides: z.record(z.string(), z.enum(["endorsed", "rejected"])).default({}),
});

/** How a language marks reported speech and refutation, shared by all frames. */
export const LanguageCuesSchema = z.object({
  /** Speech and attribution verbs ("said", "denunció", "zei"): a frame cue in their sentence is reported. */
  attributionVerbs: CueListSchema,
  /** Attribution prepositions ("according to", "según", "volgens"). */
  attributionPhrases: CueListSchema,
  /**
   * Verbs that cite a source for a figure or a fact without attributing a position ("Foro Penal counts", "registra",
   * "dénombre"): they make a source, but a frame cue in their sentence keeps the text's own voice.
   */
  citationVerbs: CueListSchema,
  /** Phrases that cite a source for a figure ("an analysis by", "nach Zählung von"); sources only, like citationVerbs. */
  citationPhrases: CueListSchema,
  /** Nouns that report a position ("allegations of", "denuncias de"): the frame after them is reported. */
  reportNouns: CueListSchema,
  /** Negation and refutation ("no evidence", "sin pruebas", "geen bewijs", "so-called", "pretext"). */
  refutation: CueListSchema,
  /**
   * Negative determiners and copulas placed right before a frame word ("no fraud", "not a coup", "aucune fraude",
   * "geen CIA", "kein Putsch", "nessun golpe", "were not … mercenaries"): in the text's own voice they deny the frame.
   */
  denials: CueListSchema,
  /** Distancing words placed right before a frame word ("so-called", "supuesto", "zogenaamde"). */
  distancers: CueListSchema,
  /** Words that negate the following verb ("not", "no", "niet", "nicht"…) for stance cues. */
  negators: CueListSchema,
});

export const ActorSchema = z.object({
  /** ISO 3166-1 alpha-2 code or organisation code. */
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "an upper-case code such as BR or CARTER_CENTER"),
  /** Names of any language (matched case-insensitively unless written with `=`): leaders, ministries, capitals. */
  names: z.array(z.string().min(2)).default([]),
  /** Demonyms and adjectives (a trailing `*` matches endings: "brasileñ*"). */
  demonyms: z.array(z.string().min(2)).default([]),
  /** Names that hold only in texts of some languages ("EU" is the European Union in English, the US in Spanish). */
  namesIn: z.record(langCode, z.array(z.string().min(2))).default({}),
});

export const RecognitionSchema = z.object({
  /** The recognition stances of the study (the guideline's vocabulary); every stance below must be one of them. */
  vocabulary: z.array(z.string().min(1)).min(1),
  /** Actor codes that may appear in recognition statements beyond ISO countries (EU, OAS, …). */
  organisations: z.array(z.string()).default([]),
  /** Country codes never tagged as recognising actors (the country of the election itself). */
  exclude: z.array(z.string()).default([]),
  /** Country names from i18n-iso-countries are added automatically for `study.languages`; these extend them. */
  actors: z.array(ActorSchema).default([]),
  /** Stance cue groups; a group with `target: winner` resolves its stance from the named winner after the cue. */
  stances: z
    .array(
      z.object({
        id: z.string(),
        stance: z.string().optional(),
        target: z.literal("winner").optional(),
        cues: CueListSchema,
        /** When set, a cue counts only if one of these follows it in the sentence (demand verb → "tally sheets"). */
        requires: CueListSchema.optional(),
        /** Stance used when the cue is negated ("did not recognise"). */
        negated: z.string().optional(),
      }),
    )
    .default([]),
  /** Names that resolve a `target: winner` group (first match after the cue wins; default stance otherwise). */
  winners: z.array(z.object({ stance: z.string(), names: CueListSchema })).default([]),
  defaultWinnerStance: z.string().optional(),
});

export const KnownSourceSchema = z.object({
  name: z.string().min(1),
  type: z.string(),
  /** Other ways the text may name it ("Maduro", "the CNE", "Consejo Nacional Electoral"). */
  aliases: z.array(z.string()).default([]),
});

export const SourcesSchema = z.object({
  types: z.array(z.string()).min(1),
  /** Known actors of the study: names → type (also used to find speakers in languages without a name finder). */
  known: z.array(KnownSourceSchema).default([]),
  /** Role words that give a speaker its type ("minister" → foreign_government when not Venezuelan). */
  roles: z.array(z.object({ type: z.string(), cues: CueListSchema })).default([]),
  /** Unnamed speakers ("sources", "officials", "fuentes"): tagged as `anonymousType`. */
  anonymous: CueListSchema,
  anonymousType: z.string().default("anonymous"),
  /** Type for a country speaking (its government) and for named speakers nothing else types. */
  countryType: z.string().default("foreign_government"),
  defaultType: z.string().default("other"),
  /** Capitalised words that never start or form a speaker name (sentence openers, weekdays, titles). */
  notNames: CueListSchema,
});

export const ClaimsSchema = z.object({
  /** Figure kinds: the first kind whose cues appear in a claim that carries a number is its `kind`. */
  figures: z.array(z.object({ kind: z.string(), cues: CueListSchema })).default([]),
  /** Phrases that make a sentence an opinion or a prediction rather than a claim. */
  notClaims: CueListSchema,
});

export const CodebookSchema = z
  .object({
    study: StudySchema,
    topic: TopicSchema,
    events: z.array(EventSchema).default([]),
    frames: z.array(FrameDefSchema).min(1),
    language: LanguageCuesSchema.optional(),
    recognition: RecognitionSchema.optional(),
    sources: SourcesSchema.optional(),
    claims: ClaimsSchema.optional(),
  })
  .loose()
  .superRefine((cb, ctx) => {
    // Cross-references: every stance and type the tagger can emit must be in the study's vocabularies.
    const rec = cb.recognition;
    if (rec) {
      const stances = new Set(rec.vocabulary);
      const check = (value: string | undefined, path: (string | number)[]) => {
        if (value !== undefined && !stances.has(value)) {
          ctx.addIssue({
            code: "custom",
            message: `"${value}" is not in recognition.vocabulary`,
            path: ["recognition", ...path],
          });
        }
      };
      rec.stances.forEach((g, i) => {
        check(g.stance, ["stances", i, "stance"]);
        check(g.negated, ["stances", i, "negated"]);
        if (!g.stance && g.target !== "winner") {
          ctx.addIssue({
            code: "custom",
            message: "a stance group needs `stance` or `target: winner`",
            path: ["recognition", "stances", i],
          });
        }
      });
      rec.winners.forEach((w, i) => {
        check(w.stance, ["winners", i, "stance"]);
      });
      rec.actors.forEach((a, i) => {
        if (!/^[A-Z]{2}$/.test(a.code) && !rec.organisations.includes(a.code)) {
          const message = `"${a.code}" is neither an ISO 3166-1 alpha-2 code nor in recognition.organisations`;
          ctx.addIssue({ code: "custom", message, path: ["recognition", "actors", i, "code"] });
        }
      });
      check(rec.defaultWinnerStance, ["defaultWinnerStance"]);
    }
    const src = cb.sources;
    if (src) {
      const types = new Set(src.types);
      const check = (value: string, path: (string | number)[]) => {
        if (!types.has(value))
          ctx.addIssue({ code: "custom", message: `"${value}" is not in sources.types`, path: ["sources", ...path] });
      };
      src.known.forEach((k, i) => {
        check(k.type, ["known", i, "type"]);
      });
      src.roles.forEach((r, i) => {
        check(r.type, ["roles", i, "type"]);
      });
      check(src.anonymousType, ["anonymousType"]);
      check(src.countryType, ["countryType"]);
      check(src.defaultType, ["defaultType"]);
    }
  });

export type Codebook = z.infer<typeof CodebookSchema>;
export type FrameDef = z.infer<typeof FrameDefSchema>;
export type LanguageCues = z.infer<typeof LanguageCuesSchema>;
export type RecognitionSpec = z.infer<typeof RecognitionSchema>;
export type SourcesSpec = z.infer<typeof SourcesSchema>;
export type ClaimsSpec = z.infer<typeof ClaimsSchema>;

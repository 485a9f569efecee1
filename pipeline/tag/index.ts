import type { FrameStance, TaggedArticle, TagInput } from "../../core/records.ts";
import type { LoadedCodebook } from "../codebook/index.ts";
import { type ClaimOptions, tagClaims } from "./claims/index.ts";
import { type CompiledCodebook, compileCodebook } from "./compile.ts";
import { type FrameOptions, tagFrames } from "./frames/index.ts";
import { tagRecognitions } from "./recognitions/index.ts";
import { tagSources } from "./sources/index.ts";
import { analyse } from "./text/document.ts";
import { detectLanguage, normaliseLanguage } from "./text/language.ts";

/**
 * The multilingual tagger: one text in, frames with stance, recognition statements, sources and claims out, each
 * with its evidence (an exact substring of the text, with offsets) and the codebook cue or engine rule behind it.
 * All study knowledge comes from the codebook; the engine is the same for every study.
 */

export interface TaggerOptions {
  frames?: FrameOptions;
  claims?: ClaimOptions;
  /** Trust a declared language (TagInput.language) over detection (default true). */
  trustDeclaredLanguage?: boolean;
}

export interface Tagger {
  tag(input: TagInput): TaggedArticle;
  compiled: CompiledCodebook;
}

/** Compiles a loaded codebook into a tagger; tagging is synchronous, deterministic and keeps no per-text state. */
export function createTagger(loaded: LoadedCodebook, options: TaggerOptions = {}): Tagger {
  const compiled = compileCodebook(loaded.codebook);
  const languages = loaded.codebook.study.languages;
  const frameOrder = loaded.codebook.frames.map((f) => f.id);
  return {
    compiled,
    tag(input) {
      const declared = options.trustDeclaredLanguage === false ? null : normaliseLanguage(input.language, languages);
      const language = declared ?? detectLanguage(input.text, languages);
      const c = compiled.forLanguage(language);
      const doc = analyse(input.text, language);
      const { frames, hits } = tagFrames(doc, c, options.frames);
      const ordered: Record<string, FrameStance> = {};
      for (const id of frameOrder) {
        const stance = frames[id];
        if (stance) ordered[id] = stance;
      }
      return {
        id: input.id,
        language,
        frames: ordered,
        frameHits: hits,
        recognitions: tagRecognitions(doc, c, compiled.gazetteer, loaded.codebook.recognition),
        sources: tagSources(doc, c, compiled.gazetteer, loaded.codebook.sources),
        claims: tagClaims(doc, c, options.claims, compiled.gazetteer),
        codebook: loaded.fingerprint,
      };
    },
  };
}

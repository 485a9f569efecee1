import { fold } from "./text.ts";

/** The codebook's topic section: which texts belong to the study at all. */
export interface TopicSpec {
  /** Keywords in any of the study's languages; a trailing "*" matches any word ending ("venezolan*"). */
  keywords: string[];
  /** Distinct keywords a text must contain to be on topic. */
  minDistinct: number;
  /** Study window (inclusive, ISO dates); articles published outside it are dropped. */
  window: { from: string; to: string };
}

export interface TopicVerdict {
  onTopic: boolean;
  /** The keywords (as written in the codebook) that matched, in codebook order. */
  matches: string[];
}

/** Compiles the topic keywords once; the returned function judges a text (title + body). */
export function topicMatcher(spec: TopicSpec): (text: string) => TopicVerdict {
  const patterns = spec.keywords.map((keyword) => {
    const folded = fold(keyword).replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === "*" ? "*" : `\\${c}`));
    const body = folded.endsWith("*") ? `${folded.slice(0, -1)}[\\p{L}\\p{N}]*` : folded;
    return { keyword, regex: new RegExp(`(?<![\\p{L}\\p{N}])${body.replace(/ /g, "\\s+")}(?![\\p{L}\\p{N}])`, "u") };
  });
  return (text: string) => {
    const folded = fold(text);
    const matches = patterns.filter((p) => p.regex.test(folded)).map((p) => p.keyword);
    return { onTopic: matches.length >= spec.minDistinct, matches };
  };
}

/** True when an ISO date/time falls inside the window (dates compared on their calendar day; unknown dates pass). */
export function inWindow(published: string | null, window: TopicSpec["window"]): boolean {
  if (!published) return true;
  const day = published.slice(0, 10);
  return day >= window.from && day <= window.to;
}

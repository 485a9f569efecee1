import type { LanguageMaterial } from "./material.ts";
import { splitSentences } from "./material.ts";
import type { BenchOutlet } from "./outlets.ts";
import { chance, createRng, hashSeed, int, pick, type Rng, shuffled, weighted } from "./prng.ts";

/**
 * What page sits at index i of a generated corpus: a pure function of (seed, i). Most pages are recombined on-topic
 * articles; the rest are the realistic noise a researcher's crawl contains (off-topic pages, pages outside the
 * study window, wire copies republished by another outlet, the same page fetched again, an article edited after
 * publication). Duplicates point back at an earlier index and regenerate its page, so nothing is held in memory.
 */

/** Shares of page kinds (percent). */
export const KIND_WEIGHTS = {
  unique: 70,
  off_topic: 14,
  out_of_window: 2,
  wire_copy: 6,
  recapture: 5,
  edit: 3,
} as const;
export type PageKind = keyof typeof KIND_WEIGHTS;
const DUPLICATE_KINDS: ReadonlySet<PageKind> = new Set(["wire_copy", "recapture", "edit"]);
/** A duplicate repeats a page at most this many indexes back (a few days of a large crawl). */
export const DUPLICATE_LOOKBACK = 3000;

/** Study window (codebook venezuela-2024) and the stretch before it used for out-of-window pages. */
const WINDOW_START = Date.UTC(2024, 6, 28);
const WINDOW_DAYS = 187;
const BEFORE_START = Date.UTC(2024, 2, 1);
const BEFORE_DAYS = 140;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Per-paragraph chances of the recombination steps. */
const SWAP_PARAGRAPH = 0.25;
const SHUFFLE_SENTENCES = 0.2;
const VARY_NUMBERS = 0.35;

export interface PagePlan {
  index: number;
  kind: PageKind;
  outlet: BenchOutlet;
  url: string;
  title: string;
  authors: string[];
  /** ISO 8601 with the outlet's offset. */
  published: string;
  modified: string | null;
  section: string;
  paragraphs: string[];
  fetchedAt: Date;
  /** Index of the page a duplicate repeats; null otherwise. */
  of: number | null;
  /** Off-topic headlines for the related-links box. */
  related: string[];
}

export interface CorpusContext {
  seed: number;
  outlets: BenchOutlet[];
  material: Map<string, LanguageMaterial>;
  /** The study's topic filter (codebook), so on-topic pages really are on topic and off-topic pages are not. */
  onTopic: (text: string) => boolean;
}

/** Recombinations tried before an on-topic page falls back to its source article's own paragraphs. */
const TOPIC_ATTEMPTS = 5;

function rngFor(ctx: CorpusContext, index: number): Rng {
  return createRng(hashSeed(ctx.seed, index));
}

/** The kind of page at `index` (the first draw of its generator). */
export function kindOf(ctx: CorpusContext, index: number): PageKind {
  return weighted(rngFor(ctx, index), KIND_WEIGHTS);
}

/** The full plan of the page at `index`. */
export function planPage(ctx: CorpusContext, index: number): PagePlan {
  const rng = rngFor(ctx, index);
  const kind = weighted(rng, KIND_WEIGHTS);
  if (!DUPLICATE_KINDS.has(kind)) return planOriginal(ctx, index, kind, rng);
  // Find the original this page repeats: an earlier index whose own kind is not a duplicate.
  let of = index - int(rng, 1, Math.min(index, DUPLICATE_LOOKBACK));
  while (of >= 0 && DUPLICATE_KINDS.has(kindOf(ctx, of))) of -= 1;
  if (index === 0 || of < 0) return planOriginal(ctx, index, "unique", rng);
  const base = planPage(ctx, of);
  if (kind === "recapture") {
    return { ...base, index, kind, of, fetchedAt: new Date(base.fetchedAt.getTime() + int(rng, 2, 30) * DAY) };
  }
  if (kind === "edit") {
    const modified = new Date(Date.parse(base.published) + int(rng, 1, 10) * DAY + int(rng, 0, 23) * HOUR);
    return {
      ...base,
      index,
      kind,
      of,
      paragraphs: [...base.paragraphs, ctx.material.get(base.outlet.language)?.locale.update ?? ""],
      modified: localIso(modified, base.outlet.offset),
      fetchedAt: new Date(modified.getTime() + int(rng, 1, 12) * HOUR),
    };
  }
  // wire_copy: another outlet of the same language republishes the text under its own URL.
  const others = ctx.outlets.filter((o) => o.language === base.outlet.language && o.id !== base.outlet.id);
  const outlet = others.length > 0 ? pick(rng, others) : base.outlet;
  const material = ctx.material.get(outlet.language) as LanguageMaterial;
  const section = pick(rng, material.locale.sections);
  const published = new Date(Date.parse(base.published) + int(rng, 1, 8) * HOUR);
  return {
    ...base,
    index,
    kind,
    of,
    outlet,
    section,
    url: articleUrl(outlet, section, published, base.title, index),
    published: localIso(published, outlet.offset),
    fetchedAt: new Date(published.getTime() + int(rng, 1, 24) * HOUR),
  };
}

function planOriginal(ctx: CorpusContext, index: number, kind: PageKind, rng: Rng): PagePlan {
  const outlet = pickOutlet(ctx, rng);
  const material = ctx.material.get(outlet.language) as LanguageMaterial;
  const locale = material.locale;
  const day =
    kind === "out_of_window"
      ? BEFORE_START + int(rng, 0, BEFORE_DAYS) * DAY
      : // Coverage is densest right after the election: skew days towards the start of the window.
        WINDOW_START + Math.floor(WINDOW_DAYS * rng() ** 2) * DAY;
  const published = new Date(day + int(rng, 6, 22) * HOUR + int(rng, 0, 59) * 60_000);
  const offTopic = kind === "off_topic";
  const source = pick(rng, offTopic ? material.offTopic : material.onTopic);
  const title = `${pick(rng, locale.titlePrefixes)}${source.title}`;
  // Recombining can drop the keywords that made the source on topic (or, rarely, add two to an off-topic page):
  // retry, then fall back to the source's own paragraphs, so a page's kind is what the topic filter will decide.
  let paragraphs = source.paragraphs;
  for (let attempt = 0; attempt < TOPIC_ATTEMPTS; attempt++) {
    const candidate = offTopic
      ? offTopicParagraphs(rng, material)
      : onTopicParagraphs(rng, material, source.paragraphs);
    if (ctx.onTopic(`${title}\n${candidate.join("\n\n")}`) !== offTopic) {
      paragraphs = candidate;
      break;
    }
  }
  const section = pick(rng, locale.sections);
  return {
    index,
    kind,
    outlet,
    url: articleUrl(outlet, section, published, title, index),
    title,
    authors: authorsOf(rng, material),
    published: localIso(published, outlet.offset),
    modified: null,
    section,
    paragraphs,
    fetchedAt: new Date(published.getTime() + int(rng, 1, 36) * HOUR),
    of: null,
    related: shuffled(
      rng,
      material.offTopic.map((a) => a.title),
    ).slice(0, 3),
  };
}

function pickOutlet(ctx: CorpusContext, rng: Rng): BenchOutlet {
  const total = ctx.outlets.reduce((sum, o) => sum + o.weight, 0);
  let x = rng() * total;
  for (const outlet of ctx.outlets) {
    x -= outlet.weight;
    if (x < 0) return outlet;
  }
  return ctx.outlets[ctx.outlets.length - 1] as BenchOutlet;
}

function authorsOf(rng: Rng, material: LanguageMaterial): string[] {
  const { firstNames, lastNames } = material.locale;
  if (chance(rng, 0.15)) return [];
  const n = chance(rng, 0.2) ? 2 : 1;
  return Array.from({ length: n }, () => `${pick(rng, firstNames)} ${pick(rng, lastNames)}`);
}

/** Recombines an on-topic article: swaps paragraphs with others of the language, shuffles sentences, varies numbers. */
function onTopicParagraphs(rng: Rng, material: LanguageMaterial, source: string[]): string[] {
  let paragraphs = source.map((p) => {
    let out = chance(rng, SWAP_PARAGRAPH) ? pick(rng, material.paragraphs) : p;
    if (chance(rng, SHUFFLE_SENTENCES)) out = shuffled(rng, splitSentences(out)).join(" ");
    if (chance(rng, VARY_NUMBERS)) out = varyNumbers(rng, out);
    return out;
  });
  if (paragraphs.length > 3 && chance(rng, 0.3)) paragraphs.splice(int(rng, 1, paragraphs.length - 1), 1);
  // One paragraph from elsewhere, always, so two pages from the same source article rarely end up identical.
  paragraphs.splice(int(rng, 1, paragraphs.length), 0, varyNumbers(rng, pick(rng, material.paragraphs)));
  if (chance(rng, 0.3)) paragraphs = [paragraphs[0] as string, ...shuffled(rng, paragraphs.slice(1))];
  return paragraphs;
}

function offTopicParagraphs(rng: Rng, material: LanguageMaterial): string[] {
  return Array.from({ length: int(rng, 3, 7) }, () =>
    varyNumbers(rng, Array.from({ length: int(rng, 2, 4) }, () => pick(rng, material.offTopicSentences)).join(" ")),
  );
}

/** Varies small whole numbers (1–999, not parts of decimals, years or dates) by up to ±30 %. */
export function varyNumbers(rng: Rng, text: string): string {
  return text.replace(/(?<![\d.,:/-])(\d{1,3})(?!\d|[.,:/]\d)/g, (match) => {
    if (!chance(rng, 0.5)) return match;
    const n = Number(match);
    return String(Math.max(1, Math.round(n * (0.7 + rng() * 0.6))));
  });
}

/** "2024-08-02T21:15:00-03:00" for an instant shown in a fixed UTC offset. */
export function localIso(instant: Date, offset: string): string {
  const sign = offset.startsWith("-") ? -1 : 1;
  const [h = 0, m = 0] = offset.slice(1).split(":").map(Number);
  const local = new Date(instant.getTime() + sign * (h * 60 + m) * 60_000);
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

function articleUrl(outlet: BenchOutlet, section: string, published: Date, title: string, index: number): string {
  const date = localIso(published, outlet.offset).slice(0, 10).replaceAll("-", "/");
  return `${outlet.origin}/${section}/${date}/${slugify(title)}-${index.toString(36)}`;
}

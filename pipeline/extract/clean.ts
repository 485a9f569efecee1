import { byTag, walk } from "./dom.ts";

/**
 * Boilerplate removal on the parsed page, before the body is chosen: blocks that news templates put around and inside
 * articles (captions, share bars, "read also" lists, newsletter boxes, comments, bylines, tags). Every rule is general
 * (tags, ARIA roles, class/id vocabulary, link density); per-outlet selectors come from the registry (`dropSelectors`).
 */

/** Elements that never hold article prose. */
export const DROP_TAGS = [
  "nav",
  "aside",
  "form",
  "button",
  "select",
  "input",
  "textarea",
  "dialog",
  "menu",
  "figcaption",
  "footer",
  "label",
  "canvas",
  "video",
  "audio",
  "map",
  "picture",
  "noscript",
  "template",
  "link",
  "meta",
  "style",
  "script",
];

/** ARIA roles of page chrome. */
export const DROP_ROLES =
  /^(navigation|complementary|banner|contentinfo|dialog|alertdialog|menu|menubar|search|toolbar|tablist)$/i;

/**
 * Class/id vocabulary of non-body blocks. Distinctive stems match anywhere in a class or id ("commentlist",
 * "social-share-bar"); short words match only as whole words of class/id split on - _ space and camelCase.
 */
export const BOILERPLATE_STEMS =
  /comment|comentar|kommentar|reactie|disqus|share|sharing|social|compartilh|compartir|partage|teilen|delen|newsletter|boletin|nieuwsbrief|subscri|suscri|assine|assinatura|abonn|signup|sign-up|apoie|apoya|donat|related|relacionad|relacionat|gerelateerd|verwandt|similaire|recommend|recirc|read-?more|readalso|read-?also|leia-?tambem|veja-?tambem|lee-?tambien|ver-?tambien|lire-?aussi|lees-?ook|mehr-?zum|byline|caption|legenda|leyenda|bildunterschrift|breadcrumb|outbrain|taboola|sidebar|cookie|consent|paywall|popup|modal|promo|sponsor|advert|widget|trending|most-?read|most-?popular|carousel|slideshow|toolbar|pagination|pager|masthead|dateline|timestamp|screen-?reader|sr-only|visually-?hidden|offscreen|tagcloud|tag-?list|post-?tags|entry-?meta|post-?meta|article-?meta|author-?info|author-?bio|about-?author|more-?stories|more-?news|info-?post|post-?info|entry-?info|article-?info|footer|copyright|navbar|nav-?bar|menu|banner|teaser/i;

/** Blocks that are never the article, however much prose they hold (comment threads can outgrow the article). */
export const ALWAYS_DROP_STEMS =
  /comment|comentar|kommentar|reacties|disqus|outbrain|taboola|newsletter|nieuwsbrief|cookie|consent|respond/i;

export const BOILERPLATE_WORDS = new Set([
  "ad",
  "ads",
  "tag",
  "tags",
  "meta",
  "author",
  "authors",
  "bio",
  "nav",
  "navigation",
  "print",
  "hidden",
  "hide",
  "credit",
  "credits",
  "gallery",
  "image",
  "img",
  "photo",
  "figure",
  "media",
  "thumbnail",
  "thumb",
  "rating",
  "skip",
  "toc",
  "date",
  "time",
  "topics",
]);

/**
 * An element matched by class/id is kept anyway when it holds at least this many characters of paragraph text: a
 * wrapper named "post-with-sidebar" or "story-comments-enabled" can hold the whole article.
 */
export const KEEP_IF_PROSE_CHARS = 400;

/** Lists/blocks whose text is mostly link text (at least this share) and that are short are link farms. */
export const LINK_DENSITY_DROP = 0.6;
export const LINK_BLOCK_MAX_CHARS = 600;
const LINK_LIST_TAGS = new Set(["UL", "OL", "DIV", "SECTION", "TABLE"]);

const WORD_SPLIT = /[\s_\-:./]+|(?<=[a-z])(?=[A-Z])/;

function words(value: string | null): string[] {
  if (!value) return [];
  return value.split(WORD_SPLIT).map((w) => w.toLowerCase());
}

interface TextStats {
  /** Characters of text (whitespace runs counted as one). */
  text: number;
  /** Of which inside links. */
  link: number;
  /** Characters inside `<p>` elements, and of those inside links. */
  pText: number;
  pLink: number;
  paragraphs: number;
}

/** Text statistics of every element, computed in one post-order pass (O(n) instead of a textContent per element). */
function textStats(root: Node): Map<Node, TextStats> {
  const stats = new Map<Node, TextStats>();
  const stack: TextStats[] = [];
  const fresh = (): TextStats => ({ text: 0, link: 0, pText: 0, pLink: 0, paragraphs: 0 });
  walk(
    root,
    (node) => {
      if (node.nodeType === 3) {
        const top = stack[stack.length - 1];
        if (top) top.text += (node.nodeValue ?? "").replace(WHITESPACE, " ").length;
        return false;
      }
      if (node.nodeType !== 1 && node.nodeType !== 9) return false;
      stack.push(fresh());
      return true;
    },
    (node) => {
      const own = stack.pop() as TextStats;
      const tag = (node as Element).tagName;
      if (tag === "A") own.link = own.text;
      if (tag === "P") {
        own.pText = own.text;
        own.pLink = own.link;
        own.paragraphs++;
      }
      stats.set(node, own);
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.text += own.text;
        parent.link += own.link;
        parent.pText += own.pText;
        parent.pLink += own.pLink;
        parent.paragraphs += own.paragraphs;
      }
    },
  );
  return stats;
}

const WHITESPACE = /\s+/g;

/**
 * Prose held by an element: the text of its `<p>` elements outside links, or, for markup without paragraphs, all its
 * text outside links. Menus, link lists, captions and teaser grids score low; an article wrapper scores high.
 */
function proseChars(s: TextStats | undefined): number {
  if (!s) return 0;
  return s.paragraphs === 0 ? s.text - s.link : s.pText - s.pLink;
}

export interface CleanOptions {
  dropSelectors?: readonly string[];
  /** Elements never to drop (the registry's body element). */
  keep?: Element | null;
}

function isBoilerplateByName(el: Element): boolean {
  const cls = el.getAttribute("class") ?? "";
  const id = el.getAttribute("id") ?? "";
  if (!cls && !id) return false;
  if (BOILERPLATE_STEMS.test(cls) || BOILERPLATE_STEMS.test(id)) return true;
  for (const t of words(cls)) if (BOILERPLATE_WORDS.has(t)) return true;
  for (const t of words(id)) if (BOILERPLATE_WORDS.has(t)) return true;
  return false;
}

/** Elements matching a registry selector; an invalid selector matches nothing instead of failing the page. */
export function selectAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

function isAlwaysDropped(el: Element): boolean {
  const cls = el.getAttribute("class");
  const id = el.getAttribute("id");
  return (cls !== null && ALWAYS_DROP_STEMS.test(cls)) || (id !== null && ALWAYS_DROP_STEMS.test(id));
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute("hidden")) return true;
  if (el.getAttribute("aria-hidden") === "true") return true;
  const style = el.getAttribute("style");
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Elements that are page or article containers, never boilerplate whatever their class says. */
const CONTAINER_TAGS = new Set(["HTML", "BODY", "MAIN", "ARTICLE"]);
const DROP_TAG_SET = new Set(DROP_TAGS.map((t) => t.toUpperCase()));

type Verdict = "drop" | "keep" | "descend";

/** Removes boilerplate blocks from `root` in place; returns how many elements were removed. */
export function removeBoilerplate(root: Element | Document, options: CleanOptions = {}): number {
  let removed = 0;
  const keep = options.keep ?? null;
  const drop = (el: Element) => {
    if (keep && (el === keep || el.contains(keep))) return false;
    el.remove();
    removed++;
    return true;
  };
  for (const selector of options.dropSelectors ?? []) {
    for (const el of selectAll(root, selector)) drop(el);
  }
  // A matched block survives when it holds real prose: this much, or half of the page's prose.
  const start = "documentElement" in root ? root.documentElement : root;
  if (!start) return removed;
  const stats = textStats(start);
  const keepChars = Math.min(KEEP_IF_PROSE_CHARS, proseChars(stats.get(start)) / 2);
  const judge = (el: Element): Verdict => {
    const tag = el.tagName;
    const st = stats.get(el);
    if (DROP_TAG_SET.has(tag)) return proseChars(st) < keepChars ? "drop" : "descend";
    if (CONTAINER_TAGS.has(tag)) return "descend";
    const role = el.getAttribute("role");
    if (isAlwaysDropped(el) && byTag(el, "h1").length === 0) return "drop";
    const byRole = role !== null && DROP_ROLES.test(role);
    if ((byRole || isHidden(el) || isBoilerplateByName(el)) && proseChars(st) < keepChars) return "drop";
    if (LINK_LIST_TAGS.has(tag)) {
      const text = st?.text ?? 0;
      if (text > 0 && text <= LINK_BLOCK_MAX_CHARS && (st?.link ?? 0) / text >= LINK_DENSITY_DROP) return "drop";
    }
    return "descend";
  };
  // Document-order walk; a dropped element is removed after the walk has moved past it, its subtree unvisited.
  const doomed: Element[] = [];
  walk(start, (node) => {
    if (node.nodeType !== 1) return false;
    const el = node as Element;
    if (judge(el) === "drop" && !(keep && (el === keep || el.contains(keep)))) {
      doomed.push(el);
      return false;
    }
    return true;
  });
  for (const el of doomed) drop(el);
  return removed;
}

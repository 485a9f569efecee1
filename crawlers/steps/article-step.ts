import { join } from "node:path";
import { inWindow } from "../../pipeline/codebook/topic.ts";
import { readWarcResponse } from "../archive/index.ts";
import { type DiscoveredLink, isAfter, isoDay } from "../discovery/index.ts";
import type { FrontierEntry } from "../frontier.ts";
import type { KnownArticle } from "../state.ts";
import { canonicalUrl } from "../url.ts";
import type { CrawlContext, OutletState } from "./context.ts";
import { refuse, robotsFor } from "./robots-gate.ts";
import type { Task } from "./task.ts";

const DAY_MS = 86_400_000;

/** What became of one article candidate: new work (maybe held back by a limit) and the task to queue, if any. */
export interface Verdict {
  fresh: boolean;
  task: Task | null;
}

const NOTHING: Verdict = { fresh: false, task: null };

/**
 * Decides about one article candidate: outlet filter, topic/window (when discovery gave text/dates), robots.txt,
 * seen before (skip unless changed or revalidation is due), page limit and browser availability; a candidate that
 * is new work goes to the durable frontier first. The captures ledger (`deps.known`) is what "seen" means.
 */
export async function considerArticle(
  ctx: CrawlContext,
  state: OutletState,
  link: DiscoveredLink,
  from: string | null,
  fromFrontier: boolean,
): Promise<Verdict> {
  let url: URL;
  let key: string;
  try {
    key = canonicalUrl(link.url);
    url = new URL(key);
  } catch {
    return NOTHING;
  }
  if (!state.filter.isCandidate(url)) return NOTHING;
  const earlier = ctx.decided.get(key);
  // A URL first skipped as seen (e.g. from a feed without dates) is reconsidered when a later source (its sitemap
  // lastmod) reports a change; every other decision stands for the run.
  if (earlier && !(earlier === "seen" && link.modified !== null)) return NOTHING;
  ctx.decided.set(key, "taken");
  // Topic and window are judged on the first sighting only, so counts do not depend on the order of sources.
  // A headline alone is too little to judge: many on-topic headlines name no keyword ("Opposition leader goes into
  // exile"); such entries are fetched and judged on their full text by the extract stage.
  if (
    !earlier &&
    link.text &&
    wordCount(link.text) >= ctx.limits.discoveryMinWords &&
    !ctx.matchTopic(link.text).onTopic
  ) {
    ctx.summary.offTopicSkipped += 1;
    return NOTHING;
  }
  const published = link.published ? isoDay(link.published) : null;
  if (!earlier && published && !inWindow(published, ctx.deps.options.topic.window)) {
    ctx.summary.outOfWindowSkipped += 1;
    return NOTHING;
  }
  const policy = await robotsFor(ctx, state.outlet, url);
  if (!policy.allowed(key)) {
    refuse(ctx, { outlet: state.outlet, role: "article", url: key, discoveredFrom: from, attempt: 1 }, policy);
    return NOTHING;
  }
  const known = ctx.deps.known.get(key);
  let conditional: Record<string, string> | undefined;
  if (known) {
    // Compared with the document's own Last-Modified when it sent one: sites (and archives replayed later) can report
    // a lastmod that is newer than the version we hold yet older than the moment we fetched it.
    const changed = link.modified !== null && isAfter(link.modified, known.lastModified ?? known.lastFetchedAt);
    const due = Date.now() - Date.parse(known.lastFetchedAt) > ctx.limits.revalidateAfterDays * DAY_MS;
    if (!changed && !due) {
      if (earlier !== "seen") ctx.summary.skippedSeen += 1;
      ctx.decided.set(key, "seen");
      return NOTHING;
    }
    if (earlier === "seen") ctx.summary.skippedSeen -= 1;
    conditional = await validators(ctx, known);
  }
  const about = { text: link.text, published: link.published, modified: link.modified };
  if (!fromFrontier) {
    const entry: FrontierEntry = {
      outletId: state.outlet.id,
      url: key,
      discoveredFrom: from,
      ...about,
      runId: ctx.deps.runId,
    };
    ctx.frontier.append([entry]);
  }
  const max = ctx.deps.options.maxPagesPerOutlet;
  if (max !== undefined && state.articlesSubmitted >= max) {
    ctx.summary.deferred += 1;
    return { fresh: true, task: null };
  }
  if (state.outlet.browser && !ctx.browser) {
    ctx.summary.browserSkipped += 1;
    return { fresh: true, task: null };
  }
  state.articlesSubmitted += 1;
  const task: Task = { outlet: state.outlet, role: "article", url: key, discoveredFrom: from, attempt: 1, link: about };
  if (conditional) task.conditional = conditional;
  if (known) task.known = known;
  return { fresh: true, task };
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** If-None-Match / If-Modified-Since from the last archived response of a known article. */
async function validators(ctx: CrawlContext, known: KnownArticle): Promise<Record<string, string> | undefined> {
  const capture = known.last200;
  if (!capture?.warcFile || capture.warcOffset === null || capture.via === "browser") return undefined;
  try {
    const previous = await readWarcResponse(join(ctx.ws.root, capture.warcFile), capture.warcOffset);
    const headers: Record<string, string> = {};
    if (previous.headers.etag) headers["If-None-Match"] = previous.headers.etag;
    if (previous.headers["last-modified"]) headers["If-Modified-Since"] = previous.headers["last-modified"];
    return Object.keys(headers).length > 0 ? headers : undefined;
  } catch {
    return undefined;
  }
}

import type { CaptureRole } from "../../core/records.ts";
import type { DiscoveredLink } from "../discovery/index.ts";
import type { Outlet } from "../registry/index.ts";
import type { KnownArticle } from "../state.ts";

/** The unit of work: one URL of one outlet in one role, at one attempt. */
export interface Task {
  outlet: Outlet;
  role: CaptureRole;
  url: string;
  discoveredFrom: string | null;
  /** 1 for the first attempt; crawlee's retryCount + 1 for the ones it retries. */
  attempt: number;
  /** Request headers for a conditional GET (revalidation of a known article). */
  conditional?: Record<string, string>;
  known?: KnownArticle;
  /** A section page and its page number (pagination is followed while pages yield new candidates). */
  section?: { index: number; page: number };
  /** What discovery said about an article (kept so a resumed run can judge it again without the feed). */
  link?: Omit<DiscoveredLink, "url">;
}

/** The task as stored in a crawlee request's userData (JSON: the outlet by id, no known-article state). */
export interface TaskData {
  outletId: string;
  role: CaptureRole;
  discoveredFrom: string | null;
  conditional?: Record<string, string>;
  section?: { index: number; page: number };
  link?: Omit<DiscoveredLink, "url">;
  /** Epoch ms before which a retry must not start (backoff or Retry-After). */
  notBefore?: number;
}

/** A request for crawlee's queue. */
export interface TaskRequest {
  url: string;
  uniqueKey: string;
  userData: { task: TaskData };
}

/**
 * The queue key: an article is enqueued once per run under its canonical URL; discovery documents carry their role,
 * so a section page that is also linked as an article stays two distinct pieces of work.
 */
export function uniqueKeyOf(task: Pick<Task, "role" | "url">): string {
  return task.role === "article" ? task.url : `${task.role} ${task.url}`;
}

export function toRequest(task: Task): TaskRequest {
  const data: TaskData = { outletId: task.outlet.id, role: task.role, discoveredFrom: task.discoveredFrom };
  if (task.conditional) data.conditional = task.conditional;
  if (task.section) data.section = task.section;
  if (task.link) data.link = task.link;
  return { url: task.url, uniqueKey: uniqueKeyOf(task), userData: { task: data } };
}

/** Rebuilds a task from a queued request; null when its outlet is not part of this run. */
export function fromRequest(
  request: { url: string; retryCount: number; userData: Record<string, unknown> },
  outlets: ReadonlyMap<string, { outlet: Outlet }>,
  known: ReadonlyMap<string, KnownArticle>,
): Task | null {
  const data = request.userData.task as TaskData | undefined;
  const outlet = data ? outlets.get(data.outletId)?.outlet : undefined;
  if (!data || !outlet) return null;
  const task: Task = {
    outlet,
    role: data.role,
    url: request.url,
    discoveredFrom: data.discoveredFrom,
    attempt: request.retryCount + 1,
  };
  if (data.conditional) task.conditional = data.conditional;
  if (data.section) task.section = data.section;
  if (data.link) task.link = data.link;
  const previous = data.role === "article" ? known.get(request.url) : undefined;
  if (previous) task.known = previous;
  return task;
}

export function isDiscoveryRole(role: CaptureRole): boolean {
  return role === "feed" || role === "sitemap" || role === "section";
}

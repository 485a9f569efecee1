import { stableId } from "../../core/hash.ts";

/**
 * Where each page lives in the site. Ids from the database become file names only when they are plain slugs;
 * anything else is replaced by a hash, so no id can escape its folder or produce an odd URL.
 */

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$/;

function fileId(id: string): string {
  return SAFE_ID.test(id) ? id : `x${stableId(id)}`;
}

/** Article pages are sharded by the first two characters of the id, so 100,000 pages never share one folder. */
export function articlePath(articleId: string): string {
  const id = fileId(articleId);
  return `articles/${id.slice(0, 2).toLowerCase()}/${id}.html`;
}

export function outletPath(outletId: string): string {
  return `outlets/${fileId(outletId)}.html`;
}

/** Anchor of an actor × stance cell on the recognition evidence page. */
export function evidenceAnchor(actor: string, stance: string): string {
  return `ev-${fileId(actor)}-${fileId(stance)}`;
}

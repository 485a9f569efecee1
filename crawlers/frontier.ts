import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { LedgerWriter, readLedger } from "../core/ledger.ts";
import type { Workspace } from "../core/workspace.ts";

/**
 * The durable frontier: every article candidate is appended here before it is fetched, so a crawl killed at any
 * moment resumes with the same work even if a feed has rotated the entry out in the meantime. Whether a candidate
 * still needs fetching is decided against the captures ledger (the frontier itself is never rewritten).
 */
export interface FrontierEntry {
  outletId: string;
  url: string;
  discoveredFrom: string | null;
  text: string | null;
  published: string | null;
  modified: string | null;
  runId: string;
}

export function frontierPath(ws: Workspace): string {
  return join(ws.crawleeDir, "frontier.jsonl");
}

/** Opens the frontier for appending (creates the folder). */
export function openFrontier(ws: Workspace): LedgerWriter<FrontierEntry> {
  mkdirSync(ws.crawleeDir, { recursive: true });
  return new LedgerWriter<FrontierEntry>(frontierPath(ws));
}

/** All frontier entries, last one per URL wins. */
export async function readFrontier(ws: Workspace): Promise<FrontierEntry[]> {
  const byUrl = new Map<string, FrontierEntry>();
  for await (const { record } of readLedger<FrontierEntry>(frontierPath(ws), { onBadLine: () => {} })) {
    if (record?.url) byUrl.set(record.url, record);
  }
  return [...byUrl.values()];
}

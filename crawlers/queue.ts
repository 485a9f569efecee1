import { existsSync } from "node:fs";
import { join } from "node:path";
import { Configuration, type Request, RequestQueueV1 } from "@crawlee/core";
import type { Workspace } from "../core/workspace.ts";
import { silenceCrawlee } from "./fetch/crawlee-log.ts";

/**
 * The crawl's request queue: a named crawlee `RequestQueueV1` per run, persisted under the workspace's crawlee folder
 * and never purged on start. V1 rather than the default RequestQueue (v2): v2 keeps requests locked after a SIGKILL
 * and a resumed run stalls 2–3 minutes; V1 resumes at once (the page in flight is fetched again, and the captures
 * ledger keeps it from being recorded twice). One queue per run means a finished run's handled requests never make a
 * later run skip work; an interrupted run's queue is taken over by the next run and dropped.
 */

/** Queue names are the run id with this prefix (`request_queues/run-crawl-…/`). */
export const QUEUE_PREFIX = "run-";

const configs = new Map<string, Configuration>();

/** crawlee configuration of a workspace: storage in `crawleeDir`, persisted, no purge on start. */
export function crawleeConfig(ws: Workspace): Configuration {
  let config = configs.get(ws.crawleeDir);
  if (!config) {
    silenceCrawlee();
    config = new Configuration({
      storageClientOptions: { localDataDirectory: ws.crawleeDir },
      persistStorage: true,
      purgeOnStart: false,
    });
    configs.set(ws.crawleeDir, config);
  }
  return config;
}

export function queueName(runId: string): string {
  return `${QUEUE_PREFIX}${runId}`;
}

/** Opens (creates) the queue of a run. */
export function openRunQueue(ws: Workspace, runId: string): Promise<RequestQueueV1> {
  return RequestQueueV1.open(queueName(runId), { config: crawleeConfig(ws) });
}

/**
 * The requests an interrupted run had not finished (queued, retrying, or in flight when it was killed), read from its
 * queue, which is then dropped: the new run takes that work over in its own queue.
 */
export async function takeOverQueues(ws: Workspace, runIds: string[]): Promise<Request[]> {
  const pending: Request[] = [];
  for (const runId of runIds) {
    if (!existsSync(join(ws.crawleeDir, "request_queues", queueName(runId)))) continue;
    const queue = await openRunQueue(ws, runId);
    for (;;) {
      const request = await queue.fetchNextRequest();
      if (!request) break;
      pending.push(request);
    }
    await queue.drop();
  }
  return pending;
}

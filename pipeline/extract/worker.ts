import { errorMessage } from "../../core/errors.ts";
import type { ExtractOutcome } from "../../core/records.ts";
import { readWarcResponse } from "../../crawlers/archive/index.ts";
import type { Outlet } from "../../crawlers/registry/index.ts";
import { extractArticle } from "./index.ts";

/**
 * The pure, CPU-bound half of extraction, run in worker threads (core/pool.ts): read one capture's WARC record and
 * extract its article. Identity, version, topic and duplicate decisions stay in the main thread (run.ts), in ledger
 * order, so the output does not depend on the number of workers.
 */

const CONTENT_TYPE_HEADER = "content-type";

export interface ExtractJob {
  captureId: string;
  /** Absolute path of the WARC file. */
  warcPath: string;
  warcFile: string;
  warcOffset: number;
  url: string;
  contentType: string | null;
  hints?: Outlet["extract"];
  timeBudgetMs?: number;
}

export type ExtractJobResult =
  | { captureId: string; kind: "extracted"; outcome: ExtractOutcome }
  | { captureId: string; kind: "not_html"; contentType: string }
  | { captureId: string; kind: "error"; detail: string };

/** Reads and extracts one capture; never throws. */
export async function extractJob(job: ExtractJob): Promise<ExtractJobResult> {
  let body: Buffer;
  let contentType = job.contentType;
  try {
    const response = await readWarcResponse(job.warcPath, job.warcOffset);
    body = response.body;
    contentType ??= response.headers[CONTENT_TYPE_HEADER] ?? null;
  } catch (error) {
    return {
      captureId: job.captureId,
      kind: "error",
      detail: `cannot read WARC record ${job.warcFile}@${job.warcOffset}: ${errorMessage(error)}`,
    };
  }
  if (contentType && !/html|xml/i.test(contentType)) return { captureId: job.captureId, kind: "not_html", contentType };
  const outcome = extractArticle(body, {
    url: job.url,
    contentType,
    hints: job.hints,
    timeBudgetMs: job.timeBudgetMs,
  });
  return { captureId: job.captureId, kind: "extracted", outcome };
}

export async function handle(batch: ExtractJob[]): Promise<ExtractJobResult[]> {
  const out: ExtractJobResult[] = [];
  for (const job of batch) out.push(await extractJob(job));
  return out;
}

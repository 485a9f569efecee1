import { basename } from "node:path";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { errorMessage, InputError } from "../core/errors.ts";
import { sha256 } from "../core/hash.ts";
import { LedgerWriter, readLedger } from "../core/ledger.ts";
import { type Progress, silentProgress } from "../core/progress.ts";
import type { Capture } from "../core/records.ts";
import { ensureWorkspace, type Workspace } from "../core/workspace.ts";
import { iterateWarcResponses, WarcWriter } from "./archive/index.ts";
import { newRunId } from "./index.ts";
import { acquireLock } from "./lock.ts";
import type { Outlet, Registry } from "./registry/index.ts";
import { appendRun } from "./runs.ts";
import { canonicalUrl, outletUrlFilter } from "./url.ts";

const HTML_TYPE = /^(text\/html|application\/xhtml\+xml)\b/i;

export interface IngestOptions {
  workspace: Workspace;
  registry: Registry;
  files: string[];
  progress?: Progress;
}

export interface IngestSummary {
  runId: string;
  /** Response records read. */
  records: number;
  /** New captures written (copied into the workspace's own WARC files). */
  imported: number;
  articles: number;
  /** Records already imported (same URL and body). */
  duplicates: number;
  /** Records whose host belongs to no registry outlet. */
  unknownHost: number;
  /** Records of a registry host whose URL the outlet's include/exclude patterns reject (e.g. another section). */
  outsidePatterns: number;
  /** The most frequent unknown hosts, with counts (so a missing outlet is easy to spot). */
  topUnknownHosts: Array<[string, number]>;
  byOutlet: Record<string, number>;
  errors: string[];
}

/**
 * Imports response records of existing WARC archives (e.g. Common Crawl CC-NEWS) as captures with via
 * "warc-ingest": each record's outlet is found by host, unknown hosts are counted and skipped, and the record is
 * copied into the workspace's WARC (so the workspace stays self-contained). Rerunning over the same files adds nothing.
 */
export async function ingestWarc(options: IngestOptions): Promise<IngestSummary> {
  const ws = options.workspace;
  ensureWorkspace(ws);
  const progress = options.progress ?? silentProgress;
  const release = acquireLock(ws, "ingest");
  const startedAt = new Date();
  const runId = newRunId("ingest", startedAt);
  const summary: IngestSummary = {
    runId,
    records: 0,
    imported: 0,
    articles: 0,
    duplicates: 0,
    unknownHost: 0,
    outsidePatterns: 0,
    topUnknownHosts: [],
    byOutlet: {},
    errors: [],
  };
  const unknown = new Map<string, number>();
  appendRun(ws, {
    runId,
    kind: "ingest",
    startedAt: startedAt.toISOString(),
    endedAt: null,
    status: "running",
    counts: {},
    errors: [],
    options: { pid: process.pid, files: options.files },
  });
  const seen = new Set<string>();
  for await (const { record } of readLedger<Capture>(ws.capturesLedger, { onBadLine: () => {} })) {
    if (record?.bodySha256) seen.add(`${record.url}\n${record.bodySha256}`);
  }
  const filters = options.registry.outlets.map((outlet) => ({ outlet, filter: outletUrlFilter(outlet) }));
  // By host first; where hosts are shared (bbc.com serves BBC Mundo and BBC News), the outlet whose include/exclude
  // patterns accept the URL wins, and a URL no outlet's patterns accept is skipped like the crawl would.
  const outletOf = (url: URL): Outlet | "outside-patterns" | null => {
    const byHost = filters.filter((f) => f.filter.sameSite(url));
    if (byHost.length === 0) return null;
    return byHost.find((f) => f.filter.isCandidate(url))?.outlet ?? "outside-patterns";
  };
  const writer = WarcWriter.open(ws.warcDir, "ingest", { root: ws.root, info: { "framewatch-run": runId } });
  const captures = new LedgerWriter<Capture>(ws.capturesLedger);
  progress.start("ingest");
  try {
    for (const file of options.files) {
      try {
        for await (const entry of iterateWarcResponses(file)) {
          summary.records += 1;
          progress.tick(1, `${summary.imported} imported, ${summary.unknownHost} unknown host`);
          let url: URL;
          try {
            url = new URL(entry.url);
          } catch {
            summary.errors.push(`${file}@${entry.offset}: bad WARC-Target-URI "${entry.url}"`);
            continue;
          }
          const outlet = outletOf(url);
          if (!outlet) {
            summary.unknownHost += 1;
            unknown.set(url.host, (unknown.get(url.host) ?? 0) + 1);
            continue;
          }
          if (outlet === "outside-patterns") {
            summary.outsidePatterns += 1;
            continue;
          }
          const { body, headers } = decodedPayload(entry.body, entry.headers);
          const key = `${canonicalUrl(url.href)}\n${sha256(body)}`;
          if (seen.has(key)) {
            summary.duplicates += 1;
            continue;
          }
          seen.add(key);
          const date = Number.isNaN(Date.parse(entry.date)) ? startedAt : new Date(entry.date);
          const written = await writer.writeExchange({
            url: url.href,
            method: "GET",
            requestHeaders: {},
            status: entry.status,
            responseHeaders: headers,
            body,
            date,
            via: "warc-ingest",
            noRequestRecord: true,
            warcHeaders: {
              "WARC-Framewatch-Source": `${basename(file)}#${entry.offset}`,
              "WARC-Refers-To": entry.recordId,
            },
          });
          const contentType = headers["content-type"] ?? null;
          const isArticle = entry.status === 200 && contentType !== null && HTML_TYPE.test(contentType);
          captures.append([
            {
              id: sha256(written.recordId),
              runId,
              outletId: outlet.id,
              role: isArticle ? "article" : "other",
              url: canonicalUrl(url.href),
              finalUrl: url.href,
              status: entry.status,
              contentType,
              fetchedAt: date.toISOString(),
              bodySha256: sha256(body),
              bytes: body.length,
              warcFile: written.file,
              warcOffset: written.offset,
              warcLength: written.length,
              via: "warc-ingest",
              discoveredFrom: null,
              error: null,
            },
          ]);
          summary.imported += 1;
          if (isArticle) summary.articles += 1;
          summary.byOutlet[outlet.id] = (summary.byOutlet[outlet.id] ?? 0) + 1;
        }
      } catch (error) {
        summary.errors.push(new InputError(`cannot read WARC (${errorMessage(error)})`, file).message);
      }
    }
  } finally {
    await writer.close();
    captures.close();
    release();
  }
  summary.topUnknownHosts = [...unknown].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(summary)) if (typeof v === "number") counts[k] = v;
  appendRun(ws, {
    runId,
    kind: "ingest",
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    status: summary.errors.length > 0 ? "failed" : "ok",
    counts,
    errors: summary.errors,
    options: { pid: process.pid, files: options.files },
  });
  progress.end(
    `${summary.imported} imported, ${summary.duplicates} already there, ${summary.unknownHost} from unknown hosts`,
  );
  return summary;
}

/**
 * Archives differ in what they store: framewatch and Common Crawl keep decoded payloads (CC renames the header to
 * X-Crawler-Content-Encoding), others keep the encoded bytes. Decode when the header is still there and it works.
 */
function decodedPayload(
  body: Buffer,
  headers: Record<string, string>,
): { body: Buffer; headers: Record<string, string> } {
  const encoding = (headers["content-encoding"] ?? "").toLowerCase().trim();
  if (!encoding || encoding === "identity") return { body, headers };
  try {
    const decoded =
      encoding === "gzip" || encoding === "x-gzip"
        ? gunzipSync(body)
        : encoding === "br"
          ? brotliDecompressSync(body)
          : encoding === "deflate"
            ? inflateSync(body)
            : null;
    if (!decoded) return { body, headers };
    const { "content-encoding": original, ...rest } = headers;
    return { body: decoded, headers: { ...rest, "x-framewatch-ingest-decoded": original ?? encoding } };
  } catch {
    return { body, headers };
  }
}

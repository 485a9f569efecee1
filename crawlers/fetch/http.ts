import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { checkLiteralHost, safeLookup } from "./safety.ts";

/** Defaults of one HTTP fetch; every one is overridable per call. */
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

export interface FetchOptions {
  userAgent: string;
  /** GET (default) or HEAD (entry-point checks); a HEAD response has an empty body. */
  method?: "GET" | "HEAD";
  headers?: Record<string, string>;
  /** Whole exchange deadline (connect + headers + body), per redirect hop. */
  timeoutMs?: number;
  /** Abort when the (decoded) body grows past this. */
  maxBytes?: number;
  maxRedirects?: number;
  allowPrivateNetwork: boolean;
  signal?: AbortSignal;
  /** Decides from the response headers whether the body is wanted; a string is the reason to skip it. */
  acceptContentType?: (contentType: string | null) => true | string;
  /** Connection pool to use (default: a fresh connection per request). */
  agents?: HttpAgents;
  /** Vetoes a redirect target; a string is the reason it is refused. */
  allowRedirect?: (target: URL) => true | string;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  status: number;
  statusText: string;
  /** Response headers (lower-case names; repeated ones joined by ", "). */
  headers: Record<string, string>;
  requestHeaders: Record<string, string>;
  /** Decoded body (gzip/deflate/br removed), raw bytes otherwise; empty when the content type was refused. */
  body: Buffer;
  /** Set when the body was not downloaded because of its content type. */
  skippedReason: string | null;
  redirects: string[];
}

/** A failed exchange: `reason` is what the captures ledger records; `retryable` tells the scheduler to try again. */
export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
    readonly finalUrl: string,
    readonly status: number | null = null,
    options?: ErrorOptions,
  ) {
    super(reason, options);
  }
}

/** Connection pools: a crawl owns keep-alive agents (closed at its end); one-off fetches use non-keep-alive ones. */
export interface HttpAgents {
  http: http.Agent;
  https: https.Agent;
}

/** Keep-alive agents for one crawl; call `closeAgents` when it ends so no socket outlives it. */
export function createAgents(): HttpAgents {
  return {
    http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };
}

const oneOff: HttpAgents = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };
const lookups = { open: safeLookup(true), safe: safeLookup(false) };

/**
 * One GET with manual redirects (each hop checked against network safety and `allowRedirect`), a deadline, a size
 * limit and content decoding. Throws FetchError with a readable reason; never follows more than `maxRedirects`.
 */
export async function fetchUrl(url: string, options: FetchOptions): Promise<FetchResult> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const redirects: string[] = [];
  let current = new URL(url);
  for (;;) {
    const hop = await requestOnce(current, options);
    if (hop.kind === "response") return { ...hop.result, url, redirects };
    const target = hop.location;
    if (redirects.includes(target.href) || target.href === url) {
      throw new FetchError(`redirect loop at ${target.href}`, false, current.href, hop.status);
    }
    if (redirects.length >= maxRedirects) {
      throw new FetchError(
        `too many redirects (> ${maxRedirects}), last to ${target.href}`,
        false,
        current.href,
        hop.status,
      );
    }
    if (target.protocol !== "http:" && target.protocol !== "https:") {
      throw new FetchError(`redirect to unsupported scheme ${target.protocol}`, false, current.href, hop.status);
    }
    const verdict = options.allowRedirect?.(target) ?? true;
    if (verdict !== true) throw new FetchError(verdict, false, current.href, hop.status);
    redirects.push(target.href);
    current = target;
  }
}

type Hop =
  | { kind: "response"; result: Omit<FetchResult, "url" | "redirects"> }
  | { kind: "redirect"; location: URL; status: number };

function requestOnce(url: URL, options: FetchOptions): Promise<Hop> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    checkLiteralHost(url, options.allowPrivateNetwork);
  } catch (error) {
    return Promise.reject(new FetchError((error as Error).message, false, url.href, null, { cause: error }));
  }
  const requestHeaders: Record<string, string> = {
    "User-Agent": options.userAgent,
    Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Encoding": "gzip, deflate, br",
    ...(options.headers ?? {}),
  };
  const isHttps = url.protocol === "https:";
  return new Promise<Hop>((resolve, reject) => {
    let settled = false;
    const fail = (reason: string, retryable: boolean, status: number | null = null, cause?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      request.destroy();
      reject(new FetchError(reason, retryable, url.href, status, { cause }));
    };
    const done = (hop: Hop) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve(hop);
    };
    const onAbort = () => fail("aborted by the crawl", false);
    const method = options.method ?? "GET";
    const request = (isHttps ? https : http).request(url, {
      method,
      headers: requestHeaders,
      agent: isHttps ? (options.agents ?? oneOff).https : (options.agents ?? oneOff).http,
      lookup: options.allowPrivateNetwork ? lookups.open : lookups.safe,
    } as http.RequestOptions);
    const timer = setTimeout(() => fail(`timeout after ${timeoutMs} ms`, true), timeoutMs);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error: NodeJS.ErrnoException) => {
      const blocked = error.name === "BlockedAddressError";
      fail(blocked ? error.message : networkReason(error), !blocked && isRetryableNetwork(error), null, error);
    });
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const headers = flatHeaders(response.headers);
      const location = headers.location;
      if (status >= 300 && status < 400 && status !== 304 && location) {
        response.resume();
        let target: URL;
        try {
          target = new URL(location, url);
        } catch {
          fail(`redirect to an invalid URL "${location}"`, false, status);
          return;
        }
        target.hash = "";
        done({ kind: "redirect", location: target, status });
        return;
      }
      const contentType = headers["content-type"] ?? null;
      const verdict = status === 200 ? (options.acceptContentType?.(contentType) ?? true) : true;
      const base = { finalUrl: url.href, status, statusText: response.statusMessage ?? "", headers, requestHeaders };
      if (verdict !== true || method === "HEAD") {
        response.destroy();
        done({
          kind: "response",
          result: { ...base, body: Buffer.alloc(0), skippedReason: verdict === true ? null : verdict },
        });
        return;
      }
      const declared = Number(headers["content-length"] ?? Number.NaN);
      if (declared > maxBytes) {
        fail(`body exceeds ${maxBytes} bytes (Content-Length ${declared})`, false, status);
        return;
      }
      let stream: Readable = response;
      const encoding = (headers["content-encoding"] ?? "").trim().toLowerCase();
      if (encoding === "gzip" || encoding === "x-gzip") stream = response.pipe(createGunzip());
      else if (encoding === "deflate") stream = response.pipe(createInflate());
      else if (encoding === "br") stream = response.pipe(createBrotliDecompress());
      const chunks: Buffer[] = [];
      let size = 0;
      let raw = 0;
      response.on("data", (chunk: Buffer) => {
        raw += chunk.length;
      });
      response.on("aborted", () => fail(`truncated response (connection closed after ${raw} bytes)`, true, status));
      response.on("error", (error) => fail(`truncated response (${error.message})`, true, status, error));
      if (stream !== response)
        stream.on("error", (error) => fail(`bad ${encoding} body (${error.message})`, false, status, error));
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          fail(`body exceeds ${maxBytes} bytes`, false, status);
          return;
        }
        chunks.push(chunk);
      });
      stream.on("end", () => {
        if (!response.complete || (Number.isFinite(declared) && raw < declared)) {
          fail(`truncated response (${raw} of ${Number.isFinite(declared) ? declared : "?"} bytes)`, true, status);
          return;
        }
        done({ kind: "response", result: { ...base, body: Buffer.concat(chunks, size), skippedReason: null } });
      });
    });
    request.end();
  });
}

/** Network failures that will not heal within a run: not retried. */
const PERMANENT_NETWORK =
  /^(ENOTFOUND|CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_)/;

function isRetryableNetwork(error: NodeJS.ErrnoException): boolean {
  return !PERMANENT_NETWORK.test(error.code ?? "");
}

function networkReason(error: NodeJS.ErrnoException): string {
  const code = error.code ?? "";
  if (/^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code)) return `TLS error (${code})`;
  switch (error.code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `DNS lookup failed (${error.code})`;
    case "ECONNREFUSED":
      return "connection refused";
    case "ECONNRESET":
      return "connection reset";
    default:
      return `network error (${error.code ?? error.message})`;
  }
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Closes a crawl's sockets (so the process can exit and nothing leaks into the next crawl). */
export function closeAgents(agents: HttpAgents): void {
  agents.http.destroy();
  agents.https.destroy();
}

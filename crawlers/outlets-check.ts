import { lookup } from "node:dns/promises";
import { errorMessage } from "../core/errors.ts";
import { FetchError, fetchUrl } from "./fetch/http.ts";
import type { Outlet, Registry } from "./registry/index.ts";

/** Entry points checked at once, and the deadline of each check. */
export const CHECK_CONCURRENCY = 8;
export const CHECK_TIMEOUT_MS = 15_000;

export interface EntryCheck {
  outletId: string;
  role: "homepage" | "feed" | "sitemap" | "section";
  url: string;
  ok: boolean;
  status: number | null;
  /** "ok", or why it failed ("DNS: ENOTFOUND", "HTTP 404", "timeout after 15000 ms", …). */
  detail: string;
}

export interface CheckOptions {
  userAgent: string;
  concurrency?: number;
  timeoutMs?: number;
  outlets?: string[];
}

/**
 * Checks that each entry point of the registry resolves and answers: DNS lookup, then HEAD (GET when HEAD is refused),
 * bounded in parallel. Without a network every entry reports its DNS failure, which is the expected offline answer.
 */
export async function checkOutlets(registry: Registry, options: CheckOptions): Promise<EntryCheck[]> {
  const wanted = options.outlets ? new Set(options.outlets) : null;
  const entries: Array<{ outlet: Outlet; role: EntryCheck["role"]; url: string }> = [];
  for (const outlet of registry.outlets) {
    if (wanted && !wanted.has(outlet.id)) continue;
    entries.push({ outlet, role: "homepage", url: outlet.homepage });
    for (const url of outlet.discovery.feeds) entries.push({ outlet, role: "feed", url });
    for (const url of outlet.discovery.sitemaps) entries.push({ outlet, role: "sitemap", url });
    for (const section of outlet.discovery.sections) entries.push({ outlet, role: "section", url: section.url });
  }
  const results: EntryCheck[] = new Array(entries.length);
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const index = next++;
      const entry = entries[index];
      if (entry) results[index] = await checkEntry(entry.outlet, entry.role, entry.url, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? CHECK_CONCURRENCY, entries.length) }, worker));
  return results;
}

async function checkEntry(
  outlet: Outlet,
  role: EntryCheck["role"],
  url: string,
  options: CheckOptions,
): Promise<EntryCheck> {
  const base = { outletId: outlet.id, role, url };
  try {
    await lookup(new URL(url).hostname);
  } catch (error) {
    return {
      ...base,
      ok: false,
      status: null,
      detail: `DNS: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`,
    };
  }
  const fetchOptions = {
    userAgent: options.userAgent,
    timeoutMs: options.timeoutMs ?? CHECK_TIMEOUT_MS,
    maxBytes: 5 * 1024 * 1024,
    allowPrivateNetwork: outlet.allowPrivateNetwork,
  };
  try {
    let result = await fetchUrl(url, { ...fetchOptions, method: "HEAD" });
    if (result.status === 405 || result.status === 403 || result.status === 501)
      result = await fetchUrl(url, fetchOptions);
    const ok = result.status >= 200 && result.status < 400;
    const moved = result.redirects.length > 0 ? ` → ${result.finalUrl}` : "";
    return { ...base, ok, status: result.status, detail: ok ? `ok${moved}` : `HTTP ${result.status}${moved}` };
  } catch (error) {
    return {
      ...base,
      ok: false,
      status: null,
      detail: error instanceof FetchError ? error.reason : errorMessage(error),
    };
  }
}

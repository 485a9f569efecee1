import type { WarcWriter, WrittenRecord } from "../archive/index.ts";
import type { BrowserPage } from "./browser.ts";
import type { FetchResult } from "./http.ts";

/** Headers that describe the original bytes, not the rendered DOM. */
const ORIGINAL_ONLY = /^(content-type|content-length|content-encoding|transfer-encoding)$/i;

/**
 * Archives a browser page as two response records: the original HTTP response of the document
 * (WARC-Framewatch-Page: original-response) and the rendered DOM (rendered-dom, UTF-8, WARC-Concurrent-To the
 * original), both with WARC-Framewatch-Via: browser. Returns the DOM record, which the capture points at, and the
 * page as a FetchResult over the DOM.
 */
export async function archiveBrowserPage(
  warc: WarcWriter,
  requestedUrl: string,
  page: BrowserPage,
): Promise<{ written: WrittenRecord; result: FetchResult }> {
  const date = new Date();
  const common = {
    url: page.finalUrl,
    method: "GET",
    requestHeaders: page.requestHeaders,
    status: page.status,
    statusText: page.statusText,
    date,
    via: "browser" as const,
  };
  const original = await warc.writeExchange({
    ...common,
    responseHeaders: page.headers,
    body: page.originalBody,
    warcHeaders: { "WARC-Framewatch-Page": "original-response" },
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(page.headers)) if (!ORIGINAL_ONLY.test(name)) headers[name] = value;
  headers["content-type"] = "text/html; charset=utf-8";
  const written = await warc.writeExchange({
    ...common,
    responseHeaders: headers,
    body: page.rendered,
    noRequestRecord: true,
    warcHeaders: { "WARC-Framewatch-Page": "rendered-dom", "WARC-Concurrent-To": original.recordId },
  });
  const result: FetchResult = {
    url: requestedUrl,
    finalUrl: page.finalUrl,
    status: page.status,
    statusText: page.statusText,
    headers,
    requestHeaders: page.requestHeaders,
    body: page.rendered,
    skippedReason: null,
    redirects: [],
  };
  return { written, result };
}

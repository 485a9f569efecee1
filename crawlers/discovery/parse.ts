import { gunzipSync } from "node:zlib";
import { errorMessage } from "../../core/errors.ts";
import { decodeBody } from "./decode.ts";
import { parseFeedLinks } from "./feeds.ts";
import { parseSectionLinks } from "./sections.ts";
import { parseSitemap } from "./sitemaps.ts";
import type { DiscoveryResult } from "./types.ts";

export type DiscoveryKind = "feed" | "sitemap" | "section";

/**
 * Parses one fetched discovery document: gunzips `.gz` bodies (sitemaps are often served compressed as files),
 * decodes the charset, and dispatches on the kind. Never throws: an unreadable document is a result with a problem.
 */
export function parseDiscovery(
  kind: DiscoveryKind,
  body: Uint8Array,
  contentType: string | null,
  url: string,
): DiscoveryResult {
  try {
    const bytes = body.length > 2 && body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body;
    const text = decodeBody(bytes, contentType);
    if (kind === "feed") return parseFeedLinks(text, url);
    if (kind === "sitemap") return parseSitemap(text, url);
    return parseSectionLinks(text, url);
  } catch (error) {
    return { links: [], sitemaps: [], problem: `unreadable ${kind} (${errorMessage(error)})` };
  }
}

/** Discovery: article candidates from RSS/Atom feeds, (news) sitemaps and sitemap indexes, and section pages. */

export { isAfter, isoDay } from "./dates.ts";
export { charsetOf, decodeBody } from "./decode.ts";
export { parseFeedLinks } from "./feeds.ts";
export { type DiscoveryKind, parseDiscovery } from "./parse.ts";
export { pickSitemaps } from "./pick-sitemaps.ts";
export { parseSectionLinks } from "./sections.ts";
export { parseSitemap } from "./sitemaps.ts";
export { type DiscoveredLink, type DiscoveryResult, EMPTY_RESULT } from "./types.ts";

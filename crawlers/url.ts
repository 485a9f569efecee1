import type { Outlet } from "./registry/index.ts";

/** Query parameters that only track the reader; dropped from canonical URLs. */
export const TRACKING_PARAMS =
  /^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|__twitter_impression|smid|at_medium|at_campaign)$/i;

/**
 * Canonical form of a URL for deduplication: lower-case scheme and host, no default port, no fragment, no tracking
 * parameters, no empty query. Path case and parameter order are kept (servers may depend on them).
 */
export function canonicalUrl(input: string): string {
  const url = new URL(input);
  url.hash = "";
  url.hostname = url.hostname.toLowerCase();
  if ((url.protocol === "http:" && url.port === "80") || (url.protocol === "https:" && url.port === "443"))
    url.port = "";
  const kept = [...url.searchParams].filter(([name]) => !TRACKING_PARAMS.test(name));
  url.search = "";
  for (const [name, value] of kept) url.searchParams.append(name, value);
  return url.href;
}

/** Every URL an outlet's registry entry names (homepage and entry points). */
export function entryUrls(outlet: Outlet): string[] {
  return [
    outlet.homepage,
    ...outlet.discovery.feeds,
    ...outlet.discovery.sitemaps,
    ...outlet.discovery.sections.map((s) => s.url),
  ];
}

/**
 * Decides whether a discovered URL belongs to an outlet: its host is one the registry names for the outlet, or a
 * subdomain of the homepage's domain (www. stripped), and it passes the outlet's include/exclude patterns.
 */
export function outletUrlFilter(outlet: Outlet): { sameSite(url: URL): boolean; isCandidate(url: URL): boolean } {
  const hosts = new Set(entryUrls(outlet).map((u) => new URL(u).host.toLowerCase()));
  const domain = new URL(outlet.homepage).hostname.toLowerCase().replace(/^www\./, "");
  const include = outlet.include.map((p) => new RegExp(p));
  const exclude = outlet.exclude.map((p) => new RegExp(p));
  const sameSite = (url: URL) => {
    const host = url.host.toLowerCase();
    const name = url.hostname.toLowerCase();
    return hosts.has(host) || name === domain || name.endsWith(`.${domain}`);
  };
  return {
    sameSite,
    isCandidate(url) {
      if (!sameSite(url)) return false;
      const href = url.href;
      if (include.length > 0 && !include.some((r) => r.test(href))) return false;
      return !exclude.some((r) => r.test(href));
    },
  };
}

/**
 * Article identity from URLs: the canonical URL a page declares (when it stays on the outlet's own host) or the URL
 * it was fetched from, normalised so that the same article reached through tracking links, fragments or a trailing
 * slash gets the same id.
 */

/** Query parameters that only track the visit (campaigns, click ids, referrers). */
export const TRACKING_PARAMS =
  /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|cmp|ncid|smid|sr_share|ref|ref_src|ref_url|referrer|source|igshid|_ga|_gl|yclid|wt\.mc_id|at_medium|at_campaign|at_custom\d*|xtor|__twitter_impression|s_cid|share|shared|outputtype)$/i;

/** Normalised absolute URL: no fragment, no tracking parameters, lower-case host, no default port, no trailing slash. */
export function normaliseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.trim();
  }
  u.hash = "";
  u.hostname = u.hostname.toLowerCase();
  for (const key of [...u.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) u.searchParams.delete(key);
  if (u.pathname.length > 1 && u.pathname.endsWith("/")) u.pathname = u.pathname.replace(/\/+$/, "") || "/";
  let out = u.href;
  if (u.search === "" && out.endsWith("?")) out = out.slice(0, -1);
  return out;
}

function bareHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, "");
}

/** True when `url` is on one of the hosts (or a subdomain of one; "www." ignored). */
export function onHosts(url: string, hosts: readonly string[]): boolean {
  let host: string;
  try {
    host = bareHost(new URL(url).hostname);
  } catch {
    return false;
  }
  return hosts.some((h) => {
    const b = bareHost(h);
    return host === b || host.endsWith(`.${b}`);
  });
}

/**
 * The URL that identifies an article: the page's canonical URL when it is on the outlet's own hosts (a canonical
 * pointing elsewhere, e.g. to a wire service's original, would merge different outlets' copies), else the final URL.
 */
export function canonicalUrl(finalUrl: string, declared: string | null, ownHosts: readonly string[]): string {
  if (declared && /^https?:\/\//i.test(declared) && onHosts(declared, ownHosts)) return normaliseUrl(declared);
  return normaliseUrl(finalUrl);
}

/** Host names of a URL list, ignoring unparsable entries. */
export function hostsOf(urls: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const url of urls) {
    if (!url) continue;
    try {
      out.push(new URL(url).hostname);
    } catch {
      // not a URL: ignored
    }
  }
  return out;
}

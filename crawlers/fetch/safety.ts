import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * Network safety: a crawl never connects to loopback, private, link-local or otherwise special addresses unless the
 * outlet explicitly allows it (the offline demo and tests). The check runs on DNS answers at connect time, so a
 * public name that resolves to 127.0.0.1 (DNS rebinding) or a redirect to http://10.0.0.1/ is refused too.
 */
export const BLOCKED_NETWORKS: ReadonlyArray<[string, number, "ipv4" | "ipv6"]> = [
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["198.18.0.0", 15, "ipv4"],
  ["224.0.0.0", 4, "ipv4"],
  ["240.0.0.0", 4, "ipv4"],
  ["::", 128, "ipv6"],
  ["::1", 128, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
  ["ff00::", 8, "ipv6"],
];

const blockList = new BlockList();
for (const [network, prefix, family] of BLOCKED_NETWORKS) blockList.addSubnet(network, prefix, family);

/** Thrown (and recorded as the capture's error) when a host resolves to a refused address. */
export class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
}

/** True when the address is loopback, private, link-local, multicast or reserved (IPv4-mapped IPv6 included). */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blockList.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return blockList.check(mapped[1], "ipv4");
    return blockList.check(address, "ipv6");
  }
  return true;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request/net.connect that refuses blocked answers. With `allowPrivate` it only resolves.
 */
export function safeLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) {
        callback(error, options.all ? [] : "");
        return;
      }
      const usable = allowPrivate ? addresses : addresses.filter((a) => !isBlockedAddress(a.address));
      if (usable.length === 0) {
        const shown = addresses.map((a) => a.address).join(", ");
        callback(
          new BlockedAddressError(`blocked: ${hostname} resolves to a private/loopback address (${shown})`),
          options.all ? [] : "",
        );
        return;
      }
      if (options.all) callback(null, usable);
      else callback(null, usable[0]?.address ?? "", usable[0]?.family);
    });
  };
}

/** Refuses a URL whose host is a literal blocked IP (connect() skips lookup for literal addresses). */
export function checkLiteralHost(url: URL, allowPrivate: boolean): void {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && isBlockedAddress(host)) {
    throw new BlockedAddressError(`blocked: ${url.hostname} is a private/loopback address`);
  }
  if (host === "localhost" || host.endsWith(".localhost")) {
    throw new BlockedAddressError(`blocked: ${url.hostname} is a loopback name`);
  }
}

import { existsSync } from "node:fs";

/**
 * Debian's chromium and the flags verified on these machines (../shared/STACK-NOTES.md): playwright-core drives it,
 * never a downloaded browser. The background-networking flags keep chromium from calling out on a closed network.
 */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const CHROMIUM_MISSING = "chromium not found (apt-get install -y chromium)";

/** True when the chromium binary exists (a fresh machine has none until `apt-get install -y chromium`). */
export function chromiumAvailable(path = DEFAULT_CHROMIUM): boolean {
  return existsSync(path);
}

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { InputError } from "../../core/errors.ts";
import { parseRegistry, type Registry } from "../../crawlers/registry/index.ts";

/** The demo web's data folder (outlets.yaml, templates/, articles/), resolved from this file so any cwd works. */
export const DEMO_DATA_DIR = fileURLToPath(new URL("../../data/demo/", import.meta.url));
export const DEMO_OUTLETS_FILE = `${DEMO_DATA_DIR}outlets.yaml`;

/** Outlet ids of the demo registry, in file order (the order decides each outlet's loopback address). */
export function demoOutletIds(path: string = DEMO_OUTLETS_FILE): string[] {
  const raw = parse(readFileSync(path, "utf8")) as { outlets?: Array<{ id?: unknown }> } | null;
  const ids = (raw?.outlets ?? []).map((o) => o.id);
  if (ids.length === 0 || ids.some((id) => typeof id !== "string")) {
    throw new InputError("expected a list of outlets with ids", path);
  }
  return ids as string[];
}

function replaceOrigin(value: unknown, origin: string): unknown {
  if (typeof value === "string") return value.replaceAll("{origin}", origin);
  if (Array.isArray(value)) return value.map((v) => replaceOrigin(v, origin));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceOrigin(v, origin)]));
  }
  return value;
}

/**
 * Reads outlets.yaml, replaces each outlet's "{origin}" placeholders by its origin, and validates the result with
 * the registry's own parser, so the crawler gets exactly what a researcher's registry file would give it.
 */
export function materialiseRegistry(origins: Record<string, string>, path: string = DEMO_OUTLETS_FILE): Registry {
  const raw = parse(readFileSync(path, "utf8")) as { outlets: Array<{ id: string }> };
  const outlets = raw.outlets.map((outlet) => {
    const origin = origins[outlet.id];
    if (!origin) throw new InputError(`no origin for outlet "${outlet.id}"`, path);
    return replaceOrigin(outlet, origin);
  });
  return parseRegistry(stringify({ ...raw, outlets }), path);
}

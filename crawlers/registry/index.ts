import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { InputError } from "../../core/errors.ts";
import { type Registry, RegistrySchema } from "./schema.ts";

export { OUTLET_KINDS, type Outlet, type OutletKind, type Registry } from "./schema.ts";

export const DEFAULT_REGISTRY = "data/outlets.yaml";

/**
 * Loads and validates an outlet registry. A bad entry is an InputError naming the file, the outlet id (or index)
 * and the field.
 */
export function loadRegistry(path: string = DEFAULT_REGISTRY): Registry {
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read outlet registry (${(error as Error).message})`, path, { cause: error });
  }
  return parseRegistry(source, path);
}

/** Validates registry YAML text; `location` names it in errors. */
export function parseRegistry(source: string, location: string): Registry {
  const doc = parseDocument(source);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first?.linePos?.[0]?.line;
    throw new InputError(`invalid YAML: ${first?.message}`, line ? `${location}:${line}` : location);
  }
  const raw = doc.toJS() as unknown;
  const parsed = RegistrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    let where = location;
    if (path[0] === "outlets" && typeof path[1] === "number") {
      const outlets = (raw as { outlets?: Array<{ id?: unknown }> }).outlets;
      const id = outlets?.[path[1]]?.id;
      where += ` outlet ${typeof id === "string" ? `"${id}"` : `#${path[1] + 1}`}`;
      if (path.length > 2) where += ` field ${path.slice(2).join(".")}`;
    } else if (path.length > 0) {
      where += ` field ${path.join(".")}`;
    }
    throw new InputError(issue?.message ?? "invalid registry", where);
  }
  const seen = new Set<string>();
  for (const outlet of parsed.data.outlets) {
    if (seen.has(outlet.id)) throw new InputError(`duplicate outlet id "${outlet.id}"`, location);
    seen.add(outlet.id);
  }
  return parsed.data;
}

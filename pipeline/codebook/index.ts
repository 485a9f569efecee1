import { existsSync, readFileSync } from "node:fs";
import { isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { InputError } from "../../core/errors.ts";
import { sha256 } from "../../core/hash.ts";
import { type Codebook, CodebookSchema } from "./schema.ts";

export { type Codebook, CodebookSchema } from "./schema.ts";
export { fold, foldWithMap } from "./text.ts";
export { inWindow, type TopicSpec, type TopicVerdict, topicMatcher } from "./topic.ts";

export const DEFAULT_CODEBOOK = "data/codebooks/venezuela-2024.yaml";

export interface LoadedCodebook {
  codebook: Codebook;
  /** "<id>@<version>#<sha256 prefix of the file>", stamped on every tag so outputs can be traced to their codebook. */
  fingerprint: string;
  path: string;
}

/** Loads and validates a codebook; errors name the file, line and field. */
export function loadCodebook(requested: string = DEFAULT_CODEBOOK): LoadedCodebook {
  // The default codebook is found from any working directory (the repo's own copy), other paths as given.
  const path =
    requested === DEFAULT_CODEBOOK && !isAbsolute(requested) && !existsSync(requested)
      ? fileURLToPath(new URL(`../../${DEFAULT_CODEBOOK}`, import.meta.url))
      : requested;
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    throw new InputError(`cannot read codebook (${(error as Error).message})`, path, { cause: error });
  }
  const doc = parseDocument(source);
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const line = first?.linePos?.[0]?.line;
    throw new InputError(`invalid YAML: ${first?.message}`, line ? `${path}:${line}` : path);
  }
  const parsed = CodebookSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(issue?.message ?? "invalid codebook", `${path} field ${(issue?.path ?? []).join(".")}`);
  }
  const codebook = parsed.data;
  return {
    codebook,
    fingerprint: `${codebook.study.id}@${codebook.study.version}#${sha256(source).slice(0, 12)}`,
    path,
  };
}

import type { LoadedCodebook } from "../codebook/index.ts";
import { DEFAULT_CLAIM_KIND_LABELS } from "./labels.ts";
import type { StudyInfo } from "./types.ts";

/**
 * The parts of the codebook the report shows. Claim kind labels are taken from the codebook when it defines them
 * (a list of {id, label} under `claims.kinds` or `figures`, or a record id → label), else from built-in labels.
 */
export function studyInfo(loaded: LoadedCodebook): StudyInfo {
  const { codebook } = loaded;
  const loose = codebook as Record<string, unknown>;
  const claimsSection = loose.claims as Record<string, unknown> | undefined;
  const claimKinds = {
    ...DEFAULT_CLAIM_KIND_LABELS,
    ...kindLabels(claimsSection?.kinds),
    ...kindLabels(loose.figures),
  };
  return {
    id: codebook.study.id,
    title: codebook.study.title,
    description: codebook.study.description ?? null,
    frames: codebook.frames.map((f) => ({ id: f.id, label: f.label, description: f.description })),
    events: [...codebook.events].sort((a, b) => a.date.localeCompare(b.date)),
    claimKinds,
    fingerprint: loaded.fingerprint,
  };
}

function kindLabels(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item && typeof item === "object" && typeof item.id === "string") {
        out[item.id] = typeof item.label === "string" ? item.label : item.id;
      }
    }
  } else if (value && typeof value === "object") {
    for (const [id, item] of Object.entries(value)) {
      if (typeof item === "string") out[id] = item;
      else if (item && typeof item === "object" && typeof (item as { label?: unknown }).label === "string") {
        out[id] = (item as { label: string }).label;
      }
    }
  }
  return out;
}

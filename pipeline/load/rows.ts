import type { Outlet } from "../../crawlers/registry/schema.ts";
import type { ActorNames } from "./actors.ts";
import type { Row } from "./stage.ts";
import type { ArticleLine, CaptureLine, ExtractSkipLine, RunLine, TaggedLine } from "./validate.ts";

/** Ledger records (camelCase) → table rows (snake_case columns of migrations/001-tables.sql). */

const ISO_DAY = /^\d{4}-\d{2}-\d{2}/;

/** Calendar day as the source wrote it ("2024-07-29T23:30:00-04:00" → "2024-07-29"), not shifted to UTC. */
export function statedDay(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const match = ISO_DAY.exec(iso);
  return match ? match[0] : null;
}

export function outletRow(o: Outlet): Row {
  return {
    outlet_id: o.id,
    name: o.name,
    homepage: o.homepage,
    country: o.country,
    languages: o.languages,
    kind: o.kind,
    ownership: o.ownership ?? null,
    browser: o.browser,
  };
}

export function runRow(r: RunLine): Row {
  return {
    run_id: r.runId,
    kind: r.kind,
    started_at: r.startedAt,
    ended_at: r.endedAt ?? null,
    status: r.status,
    counts: r.counts ?? {},
    errors: r.errors ?? [],
    options: r.options ?? {},
  };
}

export function captureRow(c: CaptureLine): Row {
  return {
    capture_id: c.id,
    run_id: c.runId ?? null,
    outlet_id: c.outletId,
    role: c.role,
    url: c.url,
    final_url: c.finalUrl ?? c.url,
    status: c.status ?? null,
    content_type: c.contentType ?? null,
    fetched_at: c.fetchedAt,
    body_sha256: c.bodySha256 ?? null,
    bytes: c.bytes ?? 0,
    warc_file: c.warcFile ?? null,
    warc_offset: c.warcOffset ?? null,
    warc_length: c.warcLength ?? null,
    via: c.via ?? null,
    discovered_from: c.discoveredFrom ?? null,
    error: c.error ?? null,
  };
}

export function articleVersionRow(a: ArticleLine): Row {
  return {
    version_id: a.versionId,
    article_id: a.id,
    capture_id: a.captureId ?? null,
    outlet_id: a.outletId,
    url: a.url,
    fetched_url: a.fetchedUrl ?? a.url,
    fetched_at: a.fetchedAt,
    title: a.title ?? null,
    authors: a.authors ?? [],
    published_at: a.publishedAt ?? null,
    published_date: statedDay(a.publishedAt),
    modified_at: a.modifiedAt ?? null,
    language: a.language ?? null,
    text: a.text,
    text_sha256: a.textSha256 ?? null,
    site_name: a.siteName ?? null,
    section: a.section ?? null,
    lead_image: a.leadImage ?? null,
    topic_matches: a.topicMatches ?? [],
    duplicate_of: a.duplicateOf ?? null,
    provenance: a.provenance ?? {},
  };
}

export function extractSkipRow(s: ExtractSkipLine): Row {
  return {
    capture_id: s.captureId,
    outlet_id: s.outletId ?? null,
    url: s.url ?? null,
    reason: s.reason,
    detail: s.detail ?? null,
  };
}

/** The rows of every tag table for one tag record (article_id is filled from article_versions on insert). */
export interface TagRows {
  tagged_versions: Row[];
  article_frames: Row[];
  frame_evidence: Row[];
  recognitions: Row[];
  sources: Row[];
  claims: Row[];
}

export const TAG_TABLES = [
  "tagged_versions",
  "article_frames",
  "frame_evidence",
  "recognitions",
  "sources",
  "claims",
] as const satisfies readonly (keyof TagRows)[];

export function emptyTagRows(): TagRows {
  return { tagged_versions: [], article_frames: [], frame_evidence: [], recognitions: [], sources: [], claims: [] };
}

/** Appends the rows of one tag record to `into`. */
export function addTagRows(t: TaggedLine, actors: ActorNames, into: TagRows): void {
  const v = t.id;
  const codebook = t.codebook ?? null;
  into.tagged_versions.push({ version_id: v, article_id: null, language: t.language ?? null, codebook });
  for (const [frame, stance] of Object.entries(t.frames)) {
    into.article_frames.push({ version_id: v, article_id: null, frame, stance, codebook });
  }
  for (const h of t.frameHits) {
    into.frame_evidence.push({ version_id: v, frame: h.frame, stance: h.stance, ...span(h) });
  }
  for (const r of t.recognitions) {
    const actor = actors(r.actor);
    into.recognitions.push({
      version_id: v,
      actor: r.actor,
      actor_kind: actor.kind,
      actor_name: actor.name,
      stance: r.stance,
      ...span(r),
      codebook,
    });
  }
  for (const s of t.sources) {
    into.sources.push({ version_id: v, name: s.name, type: s.type, ...span(s), codebook });
  }
  t.claims.forEach((c, i) => {
    into.claims.push({
      version_id: v,
      claim_no: i + 1,
      ...span(c),
      kind: c.kind ?? null,
      numbers: c.numbers,
      codebook,
    });
  });
}

function span(s: { evidence: string; start: number; end: number; rule?: string | null }): Row {
  return { evidence: s.evidence, start_offset: s.start, end_offset: s.end, rule: s.rule ?? null };
}

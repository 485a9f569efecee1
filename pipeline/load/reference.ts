import type { Registry } from "../../crawlers/registry/schema.ts";
import type { LoadedCodebook } from "../codebook/index.ts";
import type { DuckDatabase } from "./db.ts";
import { outletRow } from "./rows.ts";
import { stageRows } from "./stage.ts";
import type { TableCount } from "./summary.ts";

/**
 * Reference tables upserted on every load: outlets from the registry, frames and events from the codebook. A registry
 * edit (new kind, renamed outlet) shows up in every view at the next load.
 */
export async function upsertReference(
  db: DuckDatabase,
  registry: Registry,
  loaded: LoadedCodebook,
): Promise<Record<string, TableCount>> {
  const { codebook } = loaded;
  return {
    outlets: await upsert(db, "outlets", "outlet_id", registry.outlets.map(outletRow)),
    codebook_frames: await upsert(
      db,
      "codebook_frames",
      "frame",
      codebook.frames.map((f, i) => ({ frame: f.id, label: f.label, description: f.description, position: i + 1 })),
    ),
    events: await upsert(
      db,
      "events",
      "id",
      codebook.events.map((e) => ({ id: e.id, date: e.date, label: e.label })),
    ),
  };
}

/** INSERT OR REPLACE of staged rows; counts rows that were new vs already present (and refreshed). */
export async function upsert(
  db: DuckDatabase,
  table: string,
  key: string,
  rows: readonly Record<string, unknown>[],
): Promise<TableCount> {
  if (rows.length === 0) return { inserted: 0, present: 0 };
  const stage = await stageRows(db, table, rows);
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${stage} s SEMI JOIN ${table} t ON t.${key} = s.${key}`,
  );
  const present = row?.n ?? 0;
  await db.run(`INSERT OR REPLACE INTO ${table} SELECT * FROM ${stage}`);
  return { inserted: rows.length - present, present };
}

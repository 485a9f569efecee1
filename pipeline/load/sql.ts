import { DEFAULT_LOCK_WAIT_MS, type DuckDatabase, openDatabase, type QueryResult, type SqlParams } from "./db.ts";

/**
 * One analyst query against the database, opened only for the time of the query (read-only unless asked), so an
 * interactive session never keeps a crawl's load waiting between statements.
 */
export interface SqlOptions {
  params?: SqlParams;
  /** Open read-write (default read-only). */
  write?: boolean;
  waitMs?: number;
}

export async function runSql(dbPath: string, sql: string, options: SqlOptions = {}): Promise<QueryResult[]> {
  const db = (await openDatabase(dbPath, {
    readOnly: !options.write,
    waitMs: options.waitMs ?? DEFAULT_LOCK_WAIT_MS,
  })) as DuckDatabase;
  try {
    return await db.script(sql, options.params);
  } finally {
    db.close();
  }
}

/**
 * Parses `--param name=value` flags: integers and decimals are bound as numbers, true/false as booleans, anything
 * else as text; `name:=value` always binds text (e.g. a zero-padded code). Values are bound, never spliced into SQL.
 */
export function parseParams(specs: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const spec of specs) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(:?=)(.*)$/s.exec(spec);
    if (!match) throw new Error(`--param must look like name=value, got "${spec}"`);
    const [, name, op, raw] = match as unknown as [string, string, string, string];
    if (op === ":=") params[name] = raw;
    else if (/^-?\d+(\.\d+)?$/.test(raw) && Number.isFinite(Number(raw))) params[name] = Number(raw);
    else if (raw === "true" || raw === "false") params[name] = raw === "true";
    else params[name] = raw;
  }
  return params;
}

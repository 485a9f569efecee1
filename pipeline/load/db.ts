import type { DuckDBAppender, DuckDBConnection, DuckDBInstance, DuckDBMaterializedResult } from "@duckdb/node-api";
import { isJsonType, jsonRowConverter, toDuckValue } from "./convert.ts";
import { createWithRetry, DEFAULT_LOCK_WAIT_MS } from "./lock.ts";

export {
  DatabaseLockedError,
  DEFAULT_LOCK_WAIT_MS,
  LOCK_RETRY_FIRST_MS,
  LOCK_RETRY_MAX_MS,
  WRITER_WAITING_SUFFIX,
  writerWaiting,
} from "./lock.ts";

import { migrate } from "./migrate.ts";

/**
 * The one module that opens DuckDB. DuckDB allows one process to hold a database file read-write and refuses every
 * other open (even read-only) while it does, so every open retries with backoff while another process holds the lock
 * (lock.ts): writers (load) keep the file only for short transactions, readers (sql, report, export) open read-only.
 */

export type SqlParams = unknown[] | Record<string, unknown>;

/**
 * DuckDB's memory cap per process. Its own default is 80% of RAM, which on a shared 2-core machine let a 100k-article
 * report reach 2.7 GB; with a cap, large sorts and joins spill to disk instead. Override with
 * FRAMEWATCH_DUCKDB_MEMORY (any DuckDB size, e.g. "4GB").
 */
export const DEFAULT_DUCKDB_MEMORY = "768MB";
const DUCKDB_MEMORY = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

function memoryLimit(): string {
  const wanted = process.env.FRAMEWATCH_DUCKDB_MEMORY?.trim();
  if (!wanted) return DEFAULT_DUCKDB_MEMORY;
  if (!DUCKDB_MEMORY.test(wanted)) {
    throw new Error(`FRAMEWATCH_DUCKDB_MEMORY must be a size such as "2GB", got "${wanted}"`);
  }
  return wanted;
}

/** Rows of one statement with its column names and DuckDB type names (for tabular output of arbitrary SQL). */
export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
}

export interface Database {
  /** Runs one parameterised statement (or several unparameterised ones) and returns its rows as plain objects. */
  query<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  run(sql: string, params?: SqlParams): Promise<void>;
  /** Runs `fn` inside BEGIN/COMMIT (ROLLBACK on error); nested calls join the outer transaction. */
  transaction<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  close(): void;
  readonly path: string;
  readonly readOnly: boolean;
}

export interface OpenOptions {
  readOnly?: boolean;
  /** Retry while another process holds the lock, up to this many ms (default 30000). */
  waitMs?: number;
  /** Apply pending migrations on a read-write open (default true). */
  migrate?: boolean;
}

/**
 * Opens a DuckDB database file (":memory:" for a scratch database). A read-write open applies pending migrations,
 * so every caller sees the current schema; a read-only open of a file that does not exist yet fails clearly.
 */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Database> {
  const readOnly = options.readOnly ?? false;
  const instance = await createWithRetry(path, readOnly, options.waitMs ?? DEFAULT_LOCK_WAIT_MS);
  let connection: DuckDBConnection;
  try {
    connection = await instance.connect();
    // Days and weeks are computed in UTC whatever the machine's zone, so results do not depend on where they run.
    await connection.run("SET TimeZone = 'UTC'");
    // The value is validated above (a number and a unit), so it is safe to place in the statement.
    await connection.run(`SET memory_limit = '${memoryLimit()}'`);
  } catch (error) {
    instance.closeSync();
    throw error;
  }
  const db = new DuckDatabase(instance, connection, path, readOnly);
  if (!readOnly && options.migrate !== false) {
    try {
      await migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }
  return db;
}

/** The Database implementation; the load stage also uses its connection for Appenders. */
export class DuckDatabase implements Database {
  private depth = 0;
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string,
    readonly readOnly: boolean,
  ) {}

  async query<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    return (await readRows(await this.connection.run(sql, bind(params)))) as T[];
  }

  /**
   * Runs a script of one or more statements and returns the result of each one that produced columns. Named
   * parameters are bound to the statements that use them; positional ones need a single statement.
   */
  async script(sql: string, params?: SqlParams): Promise<QueryResult[]> {
    const extracted = await this.connection.extractStatements(sql);
    if (Array.isArray(params) && params.length > 0 && extracted.count > 1) {
      throw new Error("positional parameters need a single statement; use named ones ($name) in a script");
    }
    const results: QueryResult[] = [];
    for (let i = 0; i < extracted.count; i++) {
      const prepared = await extracted.prepare(i);
      try {
        const bound = bind(params);
        if (Array.isArray(bound)) {
          if (bound.length > 0) prepared.bind(bound);
        } else if (bound) {
          const names = Array.from({ length: prepared.parameterCount }, (_, k) => prepared.parameterName(k + 1));
          prepared.bind(Object.fromEntries(names.filter((n) => n in bound).map((n) => [n, bound[n] ?? null])));
        }
        const result = await prepared.run();
        if (result.columnCount > 0) {
          const columns = result.columnNames().map((name, k) => ({ name, type: result.columnType(k).toString() }));
          results.push({ columns, rows: await readRows(result) });
        }
      } finally {
        prepared.destroySync();
      }
    }
    return results;
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.connection.run(sql, bind(params));
  }

  /** Runs one statement and returns how many rows it inserted, updated or deleted. */
  async execute(sql: string, params?: SqlParams): Promise<number> {
    return (await this.connection.run(sql, bind(params))).rowsChanged;
  }

  async transaction<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn(this);
    await this.connection.run("BEGIN TRANSACTION");
    this.depth += 1;
    try {
      const value = await fn(this);
      await this.connection.run("COMMIT");
      return value;
    } catch (error) {
      await this.connection.run("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      this.depth -= 1;
    }
  }

  /** An Appender on a (temp or main) table, for bulk loads. */
  appender(table: string, schema?: string): Promise<DuckDBAppender> {
    return this.connection.createAppender(table, schema ?? null);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

async function readRows(result: DuckDBMaterializedResult): Promise<Record<string, unknown>[]> {
  const rows = (await result.convertRowObjects(jsonRowConverter)) as Record<string, unknown>[];
  // Chunk vectors lose the JSON alias of their column type, so JSON columns are parsed here from the result's types.
  const jsonColumns = result.columnNames().filter((_, i) => isJsonType(result.columnType(i)));
  if (jsonColumns.length > 0) {
    for (const row of rows) {
      for (const name of jsonColumns) row[name] = parseJson(row[name]);
    }
  }
  return rows;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function bind(params: SqlParams | undefined) {
  if (params === undefined) return undefined;
  if (Array.isArray(params)) return params.map(toDuckValue);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, toDuckValue(v)]));
}

/** Opens read-write, runs `fn` and closes, so the write lock is held only as long as `fn` runs. */
export async function withDatabase<T>(
  path: string,
  fn: (db: DuckDatabase) => Promise<T>,
  options: OpenOptions = {},
): Promise<T> {
  const db = (await openDatabase(path, options)) as DuckDatabase;
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

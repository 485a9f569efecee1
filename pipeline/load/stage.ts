import {
  type DuckDBAppender,
  DuckDBDateValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  listValue,
} from "@duckdb/node-api";
import type { DuckDatabase } from "./db.ts";

/**
 * Bulk staging: rows go through DuckDB's Appender (typed appends) into a temp table shaped like the target, and the
 * caller then moves them with one INSERT … anti-join. Never row-by-row INSERT.
 *
 * Row values are plain JS: strings, numbers, booleans, arrays, objects (JSON columns), and for time columns an ISO
 * string (TIMESTAMPTZ) or "YYYY-MM-DD" (DATE). Table names are the stage's own constants, never user input.
 */

export type Row = Record<string, unknown>;

/** Creates (or empties) temp table stage_<table> like <table> and appends the rows; returns its name. */
export async function stageRows(db: DuckDatabase, table: string, rows: readonly Row[]): Promise<string> {
  const stage = `stage_${table}`;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${stage} AS SELECT * FROM ${table} LIMIT 0`);
  const columns = (
    await db.query<{ column_name: string }>(
      "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND database_name = 'temp' ORDER BY column_index",
      [stage],
    )
  ).map((c) => c.column_name);
  const appender = await db.appender(stage);
  try {
    const types = columns.map((_, i) => appender.columnType(i));
    for (const row of rows) {
      for (let i = 0; i < columns.length; i++) {
        append(appender, row[columns[i] as string], types[i] as DuckDBType);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return stage;
}

const DAY_MS = 86_400_000;

function append(appender: DuckDBAppender, value: unknown, type: DuckDBType): void {
  if (value === null || value === undefined) {
    appender.appendNull();
    return;
  }
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      appender.appendVarchar(typeof value === "string" ? value : JSON.stringify(value));
      return;
    case DuckDBTypeId.INTEGER:
      appender.appendInteger(value as number);
      return;
    case DuckDBTypeId.BIGINT:
      appender.appendBigInt(BigInt(Math.trunc(value as number)));
      return;
    case DuckDBTypeId.DOUBLE:
      appender.appendDouble(value as number);
      return;
    case DuckDBTypeId.BOOLEAN:
      appender.appendBoolean(Boolean(value));
      return;
    case DuckDBTypeId.TIMESTAMP_TZ:
      appender.appendTimestampTZ(new DuckDBTimestampTZValue(isoToMicros(value as string)));
      return;
    case DuckDBTypeId.TIMESTAMP:
      appender.appendTimestamp(new DuckDBTimestampValue(isoToMicros(value as string)));
      return;
    case DuckDBTypeId.DATE:
      appender.appendDate(new DuckDBDateValue(Math.floor(Date.parse(`${value as string}T00:00:00Z`) / DAY_MS)));
      return;
    case DuckDBTypeId.LIST:
      appender.appendList(listValue((value as unknown[]).map((v) => v as DuckDBValue)), type as never);
      return;
    default:
      appender.appendValue(value as DuckDBValue, type);
  }
}

/** ISO 8601 (with offset, "Z", or a plain date read as UTC midnight) → microseconds since the epoch. */
export function isoToMicros(iso: string): bigint {
  return BigInt(Date.parse(iso)) * 1000n;
}

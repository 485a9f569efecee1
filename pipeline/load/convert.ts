import {
  arrayFromArrayValue,
  arrayFromListValue,
  type DuckDBDateValue,
  type DuckDBDecimalValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  type DuckDBValueConverter,
  type Json,
  JsonDuckDBValueConverter,
  listValue,
  objectArrayFromMapValue,
  objectFromStructValue,
} from "@duckdb/node-api";

/**
 * DuckDB values → plain JSON-friendly values, so analysts, reports and tests see the same shapes everywhere:
 * BIGINT → number when safe (else string), TIMESTAMP/TIMESTAMPTZ → ISO 8601 UTC string, DATE → "YYYY-MM-DD",
 * DECIMAL → number, LIST/ARRAY → array, STRUCT → object. (JSON columns are parsed by db.ts from the result types.)
 */
export const jsonRowConverter: DuckDBValueConverter<Json> = (value, type, converter) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return bigintToJson(value as bigint);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return microsToIso((value as { micros: bigint }).micros);
    case DuckDBTypeId.TIMESTAMP_MS:
      return microsToIso((value as { millis: bigint }).millis * 1000n);
    case DuckDBTypeId.TIMESTAMP_S:
      return microsToIso((value as { seconds: bigint }).seconds * 1_000_000n);
    case DuckDBTypeId.TIMESTAMP_NS:
      return microsToIso((value as { nanos: bigint }).nanos / 1000n);
    case DuckDBTypeId.DATE:
      return (value as DuckDBDateValue).toString();
    case DuckDBTypeId.DECIMAL:
      return (value as DuckDBDecimalValue).toDouble();
    case DuckDBTypeId.LIST:
      return arrayFromListValue(value, type, converter);
    case DuckDBTypeId.ARRAY:
      return arrayFromArrayValue(value, type, converter);
    case DuckDBTypeId.STRUCT:
      return objectFromStructValue(value, type, converter);
    case DuckDBTypeId.MAP:
      return objectArrayFromMapValue(value, type, converter);
    default:
      return JsonDuckDBValueConverter(value, type, converter);
  }
};

function bigintToJson(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : String(value);
}

const MAX_DATE_MICROS = 8_640_000_000_000_000_000n;

function microsToIso(micros: bigint): string {
  // ±infinity and values beyond JS Date's range keep DuckDB's own spelling.
  if (micros >= MAX_DATE_MICROS || micros <= -MAX_DATE_MICROS) return micros > 0n ? "infinity" : "-infinity";
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  return new Date(Number(millis)).toISOString();
}

/** A bound parameter as DuckDB wants it: arrays become LIST values, Dates ISO strings, undefined NULL. */
export function toDuckValue(value: unknown): DuckDBValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return listValue(value.map(toDuckValue));
  if (value instanceof Date) return value.toISOString();
  // Plain objects are bound as JSON text; DuckDB value classes (dates, timestamps, …) pass through.
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return JSON.stringify(value);
  return value as DuckDBValue;
}

/** Whether `type` is DuckDB's JSON alias of VARCHAR (exported for the export/sql formatters). */
export function isJsonType(type: DuckDBType): boolean {
  return type.typeId === DuckDBTypeId.VARCHAR && type.alias === "JSON";
}

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Database, openDatabase } from "../pipeline/load/db.ts";

/**
 * What the notebooks' data loaders query: a Parquet export (`framewatch export --out DIR`), loaded into a scratch
 * in-memory DuckDB. Reading the export never touches the database file, so building notebooks never blocks a crawl.
 */

/** Default export folder (gitignored); override with FRAMEWATCH_EXPORT. */
export const DEFAULT_EXPORT = fileURLToPath(new URL("../data/exports/latest/", import.meta.url));

/** Countries per region, so "Latin American state media vs European papers" is one group. */
export const REGIONS: Record<string, readonly string[]> = {
  "Latin America": [
    "AR",
    "BO",
    "BR",
    "CL",
    "CO",
    "CR",
    "CU",
    "DO",
    "EC",
    "GT",
    "HN",
    "MX",
    "NI",
    "PA",
    "PE",
    "PY",
    "SV",
    "UY",
    "VE",
  ],
  Europe: ["AT", "BE", "CH", "CZ", "DE", "DK", "ES", "FI", "FR", "GB", "GR", "IE", "IT", "NL", "NO", "PL", "PT", "SE"],
  "North America": ["US", "CA"],
  Russia: ["RU"],
  China: ["CN"],
};

interface Manifest {
  format: string;
  datasets: Record<string, { path: string; rows: number; partitionedBy: string[] }>;
}

/** Opens the export: every dataset becomes a table of the same name (views/<name> → <name>). */
export async function openExport(dir: string = process.env.FRAMEWATCH_EXPORT ?? DEFAULT_EXPORT): Promise<Database> {
  const root = resolve(dir);
  const manifestPath = join(root, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new Error(
      `no framewatch export at ${root}: run \`framewatch export --format parquet --out ${root}\` (or set FRAMEWATCH_EXPORT)`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
  if (manifest.format !== "parquet") throw new Error(`${root} is a ${manifest.format} export; notebooks read parquet`);
  const db = await openDatabase(":memory:", { migrate: false });
  await db.run(`CREATE OR REPLACE MACRO region(country) AS CASE ${regionCases()} ELSE 'Elsewhere' END`);
  for (const [name, dataset] of Object.entries(manifest.datasets)) {
    const table = name.replace(/^views\//, "");
    if (dataset.partitionedBy.length === 0) {
      await db.run(`CREATE TABLE ${table} AS SELECT * FROM read_parquet($path)`, { path: join(root, dataset.path) });
    } else if (dataset.rows > 0) {
      await db.run(`CREATE TABLE ${table} AS SELECT * FROM read_parquet($path, hive_partitioning = true)`, {
        path: join(root, dataset.path, "**", "*.parquet"),
      });
    }
  }
  return db;
}

function regionCases(): string {
  // Region names and codes are this module's constants (letters and spaces only), not user input.
  return Object.entries(REGIONS)
    .map(([region, codes]) => `WHEN country IN (${codes.map((c) => `'${c}'`).join(", ")}) THEN '${region}'`)
    .join(" ");
}

/** Runs the loader's queries against the export and prints the result as JSON on stdout (a Framework data loader). */
export async function emitJson(queries: Record<string, string>): Promise<void> {
  const db = await openExport();
  try {
    const out: Record<string, unknown> = {};
    for (const [key, sql] of Object.entries(queries)) out[key] = await db.query(sql);
    process.stdout.write(JSON.stringify(out));
  } finally {
    db.close();
  }
}

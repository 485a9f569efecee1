import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../../core/errors.ts";
import { sha256 } from "../../core/hash.ts";
import type { Database } from "./db.ts";

/**
 * Versioned migrations: pipeline/load/migrations/NNN-name.sql (or .ts exporting `up(db)`), applied in order, each in
 * its own transaction together with its row in `schema_migrations`, so a crash never leaves half a migration.
 */

export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));
const MIGRATION_FILE = /^(\d{3})-([a-z0-9-]+)\.(sql|ts)$/;

export interface Migration {
  version: number;
  name: string;
  file: string;
}

/** Migration files in version order. */
export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir)) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) continue;
    migrations.push({ version: Number(match[1]), name: match[2] as string, file: join(dir, file) });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]?.version === migrations[i - 1]?.version) {
      throw new Error(`two migrations share version ${migrations[i]?.version} in ${dir}`);
    }
  }
  return migrations;
}

/** The database was built by a migration whose file has changed since (edited during development). */
export class MigrationMismatchError extends InputError {
  override name = "MigrationMismatchError";
}

/**
 * Applies pending migrations; returns the versions applied. Each applied migration's file hash is recorded, and a
 * database built by a since-edited migration is refused (like Flyway's checksums): its tables would not match the
 * code. Such a database is rebuilt from the ledgers (move it away and run `framewatch load`).
 */
export async function migrate(db: Database, dir: string = MIGRATIONS_DIR): Promise<number[]> {
  await db.run(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ, sha256 VARCHAR)",
  );
  // Databases made before hashes were recorded lack the column; they get it (empty, so they count as mismatched).
  await db.run("ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS sha256 VARCHAR");
  const done = new Map(
    (await db.query<{ version: number; sha256: string | null }>("SELECT version, sha256 FROM schema_migrations")).map(
      (r) => [r.version, r.sha256],
    ),
  );
  const applied: number[] = [];
  for (const migration of listMigrations(dir)) {
    const hash = sha256(readFileSync(migration.file));
    if (done.has(migration.version)) {
      if (done.get(migration.version) !== hash) {
        throw new MigrationMismatchError(
          `built by an earlier draft of migration ${basename(migration.file)}, so its tables do not match this ` +
            "version of framewatch. Move the database file away and run `framewatch load` to rebuild it from the " +
            "ledgers (nothing is lost: the ledgers hold everything)",
          db.path,
        );
      }
      continue;
    }
    await db.transaction(async (tx) => {
      if (migration.file.endsWith(".sql")) {
        await tx.run(readFileSync(migration.file, "utf8"));
      } else {
        const module = (await import(migration.file)) as { up: (db: Database) => Promise<void> };
        await module.up(tx);
      }
      await tx.run("INSERT INTO schema_migrations VALUES (?, ?, now(), ?)", [migration.version, migration.name, hash]);
    });
    applied.push(migration.version);
  }
  return applied;
}

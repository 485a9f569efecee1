import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseLockedError, openDatabase, WRITER_WAITING_SUFFIX, writerWaiting } from "../pipeline/load/db.ts";
import { listMigrations, MigrationMismatchError } from "../pipeline/load/migrate.ts";
import { exited, holdLock } from "./fixtures/load/lock.ts";

const dir = mkdtempSync(join(tmpdir(), "framewatch-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openDatabase", () => {
  it("returns rows as plain JSON-friendly values", async () => {
    const db = await openDatabase(":memory:");
    const [row] = await db.query(
      `SELECT 42::BIGINT AS small, 9007199254740993::BIGINT AS big, TIMESTAMPTZ '2024-07-29 08:15:00-04' AS ts,
              DATE '2024-07-29' AS day, [1, 2] AS list, {'a': 'x'} AS struct, 1.25::DECIMAL(5, 2) AS dec,
              '{"k": [1]}'::JSON AS doc, NULL AS nothing`,
    );
    db.close();
    expect(row).toEqual({
      small: 42,
      big: "9007199254740993",
      ts: "2024-07-29T12:15:00.000Z",
      day: "2024-07-29",
      list: [1, 2],
      struct: { a: "x" },
      dec: 1.25,
      doc: { k: [1] },
      nothing: null,
    });
  });

  it("binds positional and named parameters, never splicing them into SQL", async () => {
    const db = await openDatabase(":memory:");
    const hostile = "x'); DROP TABLE outlets; --";
    const rows = await db.query("SELECT ? AS s, ?::VARCHAR[] AS l, ? AS n", [hostile, ["a", "b"], 3]);
    expect(rows).toEqual([{ s: hostile, l: ["a", "b"], n: 3 }]);
    expect(await db.query("SELECT $who AS who", { who: "González" })).toEqual([{ who: "González" }]);
    expect(await db.query("SELECT count(*) AS n FROM outlets")).toEqual([{ n: 0 }]);
    db.close();
  });

  it("applies every migration once on a read-write open", async () => {
    const path = join(dir, "migrate.duckdb");
    const first = await openDatabase(path);
    const applied = await first.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
    first.close();
    expect(applied.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    const again = await openDatabase(path);
    expect(await again.query("SELECT count(*) AS n FROM schema_migrations")).toEqual([{ n: applied.length }]);
    again.close();
  });

  it("refuses a database built by an edited migration, naming the file and how to rebuild it", async () => {
    const path = join(dir, "drifted.duckdb");
    const db = await openDatabase(path);
    await db.run("UPDATE schema_migrations SET sha256 = 'from-an-earlier-draft' WHERE version = 1");
    db.close();
    const opening = openDatabase(path);
    await expect(opening).rejects.toBeInstanceOf(MigrationMismatchError);
    await expect(opening).rejects.toThrow(/drifted\.duckdb: built by an earlier draft of migration 001-tables\.sql/);
    // Readers are not refused: they see what the file holds.
    const reader = await openDatabase(path, { readOnly: true });
    reader.close();
  });

  it("rolls back a failed transaction and keeps what was committed", async () => {
    const db = await openDatabase(":memory:");
    await db.run("INSERT INTO events VALUES ('a', DATE '2024-07-28', 'A')");
    await expect(
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO events VALUES ('b', DATE '2024-07-29', 'B')");
        await tx.run("INSERT INTO events VALUES ('a', DATE '2024-07-30', 'duplicate key')");
      }),
    ).rejects.toThrow();
    expect(await db.query("SELECT id FROM events ORDER BY id")).toEqual([{ id: "a" }]);
    db.close();
  });

  it("a read-only open waits while another process holds the write lock, then succeeds", async () => {
    const path = join(dir, "locked.duckdb");
    (await openDatabase(path)).close();
    const child = await holdLock(path, 1500);
    const reader = await openDatabase(path, { readOnly: true, waitMs: 30_000 });
    expect(reader.readOnly).toBe(true);
    expect(await reader.query("SELECT count(*) AS n FROM outlets")).toEqual([{ n: 0 }]);
    await expect(reader.run("INSERT INTO events VALUES ('x', NULL, 'x')")).rejects.toThrow(/read-only/i);
    reader.close();
    await exited(child);
  });

  it("makes new readers step aside while a live writer waits for the lock, and ignores a stale notice", async () => {
    const path = join(dir, "intent.duckdb");
    (await openDatabase(path)).close();
    const notice = `${path}${WRITER_WAITING_SUFFIX}`;
    const writer = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    writeFileSync(notice, String(writer.pid));
    // The file itself is free, but the reader waits for the notice to go away before opening.
    let withdrawn = false;
    const opening = openDatabase(path, { readOnly: true, waitMs: 30_000 }).then((db) => {
      db.close();
      return withdrawn;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    withdrawn = true;
    rmSync(notice);
    expect(await opening).toBe(true);
    // A notice whose writer is gone is ignored.
    writeFileSync(notice, String(writer.pid));
    expect(writerWaiting(notice)).toBe(true);
    writer.kill();
    await exited(writer);
    expect(writerWaiting(notice)).toBe(false);
    rmSync(notice);
    expect(writerWaiting(notice)).toBe(false);
  });

  it("gives up with DatabaseLockedError after waitMs", async () => {
    const path = join(dir, "busy.duckdb");
    (await openDatabase(path)).close();
    const child = await holdLock(path, 4000);
    await expect(openDatabase(path, { readOnly: true, waitMs: 300 })).rejects.toBeInstanceOf(DatabaseLockedError);
    child.kill();
    await exited(child);
  });
});

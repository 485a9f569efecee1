import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../pipeline/load/db.ts";
import { parseSchemaDocs, renderSchemaDoc, SCHEMA_DOC } from "../pipeline/load/schema-doc.ts";

describe("docs/schema.md", () => {
  it("is up to date with the migrations (regenerate: node --import tsx pipeline/load/schema-doc.ts)", () => {
    expect(readFileSync(SCHEMA_DOC, "utf8")).toBe(renderSchemaDoc());
  });

  it("documents every table and view column of a migrated database, and nothing that is not there", async () => {
    const db = await openDatabase(":memory:");
    const actual = await db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM duckdb_columns()
       WHERE database_name = 'memory' AND schema_name = 'main' AND table_name <> 'schema_migrations'
       ORDER BY table_name, column_index`,
    );
    db.close();
    const documented = parseSchemaDocs().flatMap((r) =>
      r.columns.map((c) => ({ table_name: r.name, column_name: c.name })),
    );
    const key = (c: { table_name: string; column_name: string }) => `${c.table_name}.${c.column_name}`;
    expect(documented.map(key).sort()).toEqual(actual.map(key).sort());
    for (const relation of parseSchemaDocs()) {
      expect(relation.description.length, relation.name).toBeGreaterThan(10);
      for (const column of relation.columns) expect(column.description, `${relation.name}.${column.name}`).not.toBe("");
      if (relation.kind === "view") expect(relation.example, `example query of ${relation.name}`).not.toBeNull();
    }
  });

  it("has example queries that run", async () => {
    const db = await openDatabase(":memory:");
    for (const relation of parseSchemaDocs()) {
      if (relation.example) await expect(db.query(relation.example.sql), relation.name).resolves.toBeInstanceOf(Array);
    }
    db.close();
  });
});

import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspace } from "../core/workspace.ts";
import { loadRegistry } from "../crawlers/registry/index.ts";
import { formatResult } from "../pipeline/load/format.ts";
import { runLoad } from "../pipeline/load/index.ts";
import { parseParams } from "../pipeline/load/sql.ts";
import { FIXTURE_CODEBOOK } from "./fixtures/load/codebook.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/load/small/", import.meta.url));
const CLI = fileURLToPath(new URL("./fixtures/load/scripts/cli.ts", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "framewatch-sql-"));
const ws = workspace({ workdir: join(scratch, "ws") });
const history = join(scratch, "history");

beforeAll(async () => {
  cpSync(FIXTURE, ws.root, { recursive: true, filter: (src) => !src.includes("expected") });
  await runLoad(ws, { registry: loadRegistry(join(ws.root, "registry.yaml")), codebook: FIXTURE_CODEBOOK });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function sql(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", CLI, "sql", "--workdir", ws.root, ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, FRAMEWATCH_HISTORY: history },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("framewatch sql", () => {
  it("runs one query with bound parameters and prints CSV", () => {
    const out = sql([
      "--format",
      "csv",
      "--param",
      "kind=national_paper",
      "--param",
      "min=1",
      "-c",
      "SELECT outlet_id, frame, n_present FROM frame_share_by_outlet WHERE outlet_kind = $kind AND n_present >= $min ORDER BY frame",
    ]);
    expect(out.stderr).toBe("");
    expect(out.stdout).toBe(
      "outlet_id,frame,n_present\r\ndagblad,fraud_narrative,1\r\ndagblad,repression_framing,1\r\n",
    );
  });

  it("treats a hostile parameter as a value, not SQL", () => {
    const out = sql([
      "--format",
      "json",
      "--param",
      "t=x' OR '1'='1",
      "-c",
      "SELECT count(*) AS n FROM articles WHERE title = $t",
    ]);
    expect(JSON.parse(out.stdout)).toEqual([{ n: 0 }]);
  });

  it("runs a file of several statements and prints each result", () => {
    const file = join(scratch, "q.sql");
    writeFileSync(
      file,
      "SELECT count(*) AS articles FROM articles;\nSELECT actor, stance FROM recognition_matrix ORDER BY actor;\n",
    );
    const out = sql(["--format", "markdown", "-f", file]);
    expect(out.stdout).toBe(
      "| articles |\n|---|\n| 5 |\n| actor | stance |\n|---|---|\n| BR | demands_verification |\n| OAS | demands_verification |\n| US | recognizes_gonzalez |\n",
    );
  });

  it("is read-only unless --write is given", () => {
    const denied = sql(["-c", "DELETE FROM events"]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/read-only/i);
    const allowed = sql([
      "--write",
      "--format",
      "json",
      "-c",
      "DELETE FROM events WHERE id = 'election_day' RETURNING id",
    ]);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout)).toEqual([{ id: "election_day" }]);
  });

  it("reads statements from a prompt, keeps going after an error and saves the history", () => {
    const out = sql(
      ["--format", "csv"],
      "SELECT count(*)\n  AS n FROM v_articles;\nSELECT nope FROM nowhere;\n.format json\nSELECT 1 AS one;\n.quit\n",
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("n\r\n5\r\n");
    expect(out.stdout).toContain('"one": 1');
    expect(out.stderr).toMatch(/SQL error: .*nowhere/);
    expect(readFileSync(history, "utf8")).toBe(
      "SELECT count(*) AS n FROM v_articles;\nSELECT nope FROM nowhere;\nSELECT 1 AS one;\n",
    );
  });

  it("says which database is missing", () => {
    const out = spawnSync(
      process.execPath,
      ["--import", "tsx", CLI, "sql", "--db", join(scratch, "none.duckdb"), "-c", "SELECT 1"],
      {
        encoding: "utf8",
      },
    );
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("none.duckdb");
  });
});

describe("parseParams and formatResult", () => {
  it("types numbers and booleans, keeps := values as text", () => {
    expect(parseParams(["a=1", "b=2.5", "c=true", "d=VE", "e:=007", "f=a=b"])).toEqual({
      a: 1,
      b: 2.5,
      c: true,
      d: "VE",
      e: "007",
      f: "a=b",
    });
    expect(() => parseParams(["no-equals"])).toThrow(/name=value/);
  });

  it("aligns a text table, right-aligning numbers and cutting long cells", () => {
    const text = formatResult(
      {
        columns: [
          { name: "name", type: "VARCHAR" },
          { name: "n", type: "BIGINT" },
        ],
        rows: [
          { name: "a|b", n: 5 },
          { name: "x".repeat(80), n: 12 },
        ],
      },
      "table",
    );
    const lines = text.split("\n");
    expect(lines[2]).toBe(`a|b${" ".repeat(57)}   5`);
    expect(lines[3]).toBe(`${"x".repeat(59)}…  12`);
    expect(lines[4]).toBe("(2 rows)");
  });
});

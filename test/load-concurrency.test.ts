import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { workspace } from "../core/workspace.ts";
import { openDatabase } from "../pipeline/load/db.ts";
import { syntheticArticle } from "./fixtures/load/synthetic.ts";

const SCRIPTS = fileURLToPath(new URL("./fixtures/load/scripts/", import.meta.url));
const ROUNDS = 6;
const PER_ROUND = 250;
const scratch = mkdtempSync(join(tmpdir(), "framewatch-concurrency-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(
  script: string,
  args: string[],
): { done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ["--import", "tsx", join(SCRIPTS, script), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  return { done: new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr }))) };
}

describe("loading while analysts query", () => {
  it("neither side fails, and no row is lost or duplicated", { timeout: 600_000 }, async () => {
    const ws = workspace({ workdir: join(scratch, "ws") });
    const stop = join(scratch, "stop");
    const readers = [run("query-loop.ts", [ws.dbPath, stop]), run("query-loop.ts", [ws.dbPath, stop])];
    const writer = await run("grow-and-load.ts", [ws.root, String(ROUNDS), String(PER_ROUND)]).done;
    writeFileSync(stop, "");
    const results = await Promise.all(readers.map((r) => r.done));

    expect(writer.stderr).not.toMatch(/Error/);
    expect(writer.code).toBe(0);
    expect(writer.stdout).toContain("done");
    for (const reader of results) {
      expect(reader.code).toBe(0);
      const summary = JSON.parse(reader.stdout) as {
        queries: number;
        failures: string[];
        inconsistent: string[];
        counts: number[];
      };
      expect(summary.failures).toEqual([]);
      // Each query saw a committed state: whole batches, views agreeing with tables.
      expect(summary.inconsistent).toEqual([]);
      expect(summary.queries).toBeGreaterThan(0);
      // What a reader has seen never disappears later.
      expect(summary.counts).toEqual([...summary.counts].sort((a, b) => a - b));
    }

    const total = ROUNDS * PER_ROUND;
    let expectedFrames = 0;
    let expectedClaims = 0;
    for (let i = 0; i < total; i++) {
      const { tags } = syntheticArticle(i, 1);
      expectedFrames += Object.keys(tags.frames).length;
      expectedClaims += tags.claims.length;
    }
    const db = await openDatabase(ws.dbPath, { readOnly: true });
    const [final] = await db.query(
      `SELECT (SELECT count(*) FROM article_versions) AS versions,
              (SELECT count(DISTINCT version_id) FROM article_versions) AS distinct_versions,
              (SELECT count(*) FROM articles) AS articles,
              (SELECT count(*) FROM captures) AS captures,
              (SELECT count(*) FROM tagged_versions) AS tagged,
              (SELECT count(*) FROM article_frames) AS frames,
              (SELECT count(*) FROM claims) AS claims,
              (SELECT count(*) FROM load_rejects) AS rejects`,
    );
    db.close();
    expect(final).toEqual({
      versions: total,
      distinct_versions: total,
      articles: total,
      captures: total,
      tagged: total,
      frames: expectedFrames,
      claims: expectedClaims,
      rejects: 0,
    });
  });
});

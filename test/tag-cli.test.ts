import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { registerEval } from "../cli/commands/eval.ts";
import { registerTag } from "../cli/commands/tag.ts";

/**
 * The `framewatch tag` / `framewatch eval` contracts, run through the real command handlers: one output line per input
 * line in order, a bad line becomes an error line naming its line number (others still tagged), non-zero exit code;
 * eval prints a table or JSON and --skip-missing exits cleanly without gold.
 */

const dir = mkdtempSync(join(tmpdir(), "framewatch-tag-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function run(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const program = new Command("framewatch").exitOverride();
  registerTag(program);
  registerEval(program);
  try {
    await program.parseAsync(["node", "framewatch", ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  const exitCode = typeof process.exitCode === "number" ? process.exitCode : 0;
  process.exitCode = undefined;
  return { stdout, stderr, exitCode };
}

describe("framewatch tag --input/--output", () => {
  it("keeps order, reports a bad line by number and still tags the others", async () => {
    const input = join(dir, "docs.jsonl");
    const output = join(dir, "tags.jsonl");
    writeFileSync(
      input,
      `${[
        JSON.stringify({ id: "a", text: "The opposition said the vote was rigged.", language: "en" }),
        "{not json",
        JSON.stringify({ id: "c", text: "El gobierno denunció un golpe de Estado." }),
        JSON.stringify({ id: "d" }),
        JSON.stringify({ id: "e", text: "Argentina and Peru recognised González as the winner." }),
      ].join("\n")}\n`,
    );
    const r = await run(["tag", "--input", input, "--output", output]);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain("line 2");
    expect(r.stderr).toContain("line 4");
    const lines = readFileSync(output, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(["a", null, "c", "d", "e"]);
    expect(lines[1].error).toMatch(/^line 2: /);
    expect(lines[3].error).toMatch(/^line 4: text/);
    expect(lines[0].frames).toEqual({ fraud_narrative: "reported" });
    expect(lines[2].language).toBe("es");
    expect(lines[2].frames).toEqual({ coup_framing: "reported" });
    expect(lines[4].recognitions.map((x: { actor: string; stance: string }) => `${x.actor} ${x.stance}`)).toEqual([
      "AR recognizes_gonzalez",
      "PE recognizes_gonzalez",
    ]);
    for (const key of ["id", "language", "frames", "recognitions", "sources", "claims"])
      expect(lines[0]).toHaveProperty(key);
  });

  it("writes byte-identical output on a rerun", async () => {
    const input = join(dir, "same.jsonl");
    writeFileSync(
      input,
      `${JSON.stringify({ id: "x", text: "«C'est une fraude», a déclaré Machado. Selon l'AFP, 1.000 personnes ont été arrêtées." })}\n`,
    );
    await run(["tag", "--input", input, "--output", join(dir, "one.jsonl")]);
    await run(["tag", "--input", input, "--output", join(dir, "two.jsonl")]);
    expect(readFileSync(join(dir, "one.jsonl"), "utf8")).toBe(readFileSync(join(dir, "two.jsonl"), "utf8"));
  });

  it("writes to stdout with --output -", async () => {
    const input = join(dir, "one-line.jsonl");
    writeFileSync(input, `${JSON.stringify({ id: "s", text: "Volgens de oppositie was er fraude." })}\n`);
    const r = await run(["tag", "--input", input, "--output", "-"]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout.trim()).frames).toEqual({ fraud_narrative: "reported" });
  });
});

describe("framewatch eval", () => {
  it("skips cleanly when the gold file is missing", async () => {
    const r = await run(["eval", "--gold", join(dir, "nope.jsonl"), "--skip-missing"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("not found");
  });

  it("scores given predictions and prints JSON", async () => {
    const gold = join(dir, "gold.jsonl");
    const pred = join(dir, "pred.jsonl");
    const text = "The opposition said the vote was rigged.";
    writeFileSync(
      gold,
      `${JSON.stringify({ id: "g1", language: "en", text, frames: { fraud_narrative: "reported" }, recognitions: [], sources: [], claims: [] })}\n`,
    );
    writeFileSync(pred, `${JSON.stringify({ id: "g1", frames: { fraud_narrative: "endorsed" } })}\n`);
    const r = await run(["eval", "--gold", gold, "--pred", pred, "--json"]);
    const report = JSON.parse(r.stdout);
    expect(report.frames.fraud_narrative.f1).toBe(1);
    expect(report.frames.fraud_narrative.stanceAccuracy).toBe(0);
    const table = await run(["eval", "--gold", gold]);
    expect(table.stdout).toContain("| fraud_narrative | 1.00 | 1.00 | 1.00 |");
  });
});

import { describe, expect, it } from "vitest";
import { rowsOf, type SizeResult, STAGES, type StageRun } from "../bench/scale.ts";

function run(stage: StageRun["stage"], seconds: number, rss = 500, cores = 1): StageRun {
  return { stage, ok: true, exitCode: 0, seconds, peakRssMb: rss, cpuSeconds: seconds * cores, cores, tail: "" };
}

function size(pages: number, perStage: number, options: Partial<SizeResult> = {}): SizeResult {
  const stages = STAGES.map((s) =>
    run(s, perStage, s === "report" ? 900 : 500, s === "extract" || s === "tag" ? 1.9 : 1),
  );
  const ledgers = { captures: pages, articles: pages * 0.7, "extract-skips": pages * 0.3, tags: pages * 0.7 };
  return {
    pages,
    generateSeconds: 1,
    corpusMb: pages / 400,
    warcFiles: Math.ceil(pages / 2000),
    stages,
    endToEndSeconds: perStage * stages.length,
    peakRssMb: 900,
    rerun: STAGES.filter((s) => s !== "report").map((s) => run(s, perStage / 50)),
    rerunSeconds: (perStage / 50) * 4,
    ledgers,
    ledgersAfterRerun: { ...ledgers },
    expected: { article: pages * 0.65, duplicate: pages * 0.05 },
    extractSkips: { off_topic: pages * 0.3 },
    ...options,
  };
}

const find = (rows: ReturnType<typeof rowsOf>, measure: string) => rows.find((r) => r.measure === measure);

describe("rowsOf (scale bench table)", () => {
  it("computes growth between the two largest sizes against a linear target", () => {
    const rows = rowsOf([size(1000, 2), size(10_000, 10), size(100_000, 120)]);
    expect(find(rows, "growth tag 10k→100k")).toMatchObject({ value: 12, met: false });
    expect(find(rows, "growth end to end 10k→100k")).toMatchObject({ value: 12, met: false });
    expect(find(rows, "growth tag 1k→10k")).toBeUndefined();
    const linear = rowsOf([size(10_000, 10), size(100_000, 100)]);
    expect(find(linear, "growth load 10k→100k")).toMatchObject({ value: 10, met: true });
  });

  it("checks the 100k end-to-end, peak RSS and core targets", () => {
    const rows = rowsOf([size(10_000, 10), size(100_000, 100, { peakRssMb: 2500 })]);
    expect(find(rows, "end to end 100k")).toMatchObject({ value: 500, met: true });
    expect(find(rows, "peak RSS 100k")).toMatchObject({ value: 2500, met: false });
    expect(find(rows, "peak RSS 10k")?.met).toBe(true);
    expect(find(rows, "cores busy tag 100k")).toMatchObject({ value: 1.9, met: true });
    expect(find(rows, "cores busy load 100k")).toBeUndefined();
    const slow = rowsOf([size(10_000, 10), size(100_000, 250)]);
    expect(find(slow, "end to end 100k")).toMatchObject({ value: 1250, met: false });
  });

  it("fails the rerun when a ledger grew, even if it was fast", () => {
    const grown = size(10_000, 10, {});
    grown.ledgersAfterRerun = { ...grown.ledgers, tags: (grown.ledgers.tags ?? 0) + 3 };
    const row = find(rowsOf([grown]), "rerun ingest→load 10k");
    expect(row?.met).toBe(false);
    expect(row?.note).toContain("tags 7000→7003");
    expect(find(rowsOf([size(10_000, 10)]), "rerun ingest→load 10k")?.met).toBe(true);
  });

  it("fails the rerun when one of its stages failed", () => {
    const broken = size(10_000, 10);
    broken.rerun = broken.rerun.map((s) => (s.stage === "load" ? { ...s, ok: false, exitCode: 2, tail: "locked" } : s));
    const row = find(rowsOf([broken]), "rerun ingest→load 10k");
    expect(row?.met).toBe(false);
    expect(row?.note).toContain("rerun load FAILED: locked");
  });

  it("shows CPU-time growth beside wall-time growth", () => {
    const rows = rowsOf([size(10_000, 10), size(100_000, 100)]);
    // extract and tag run at 1.9 cores in the fixture: CPU 19 s → 190 s.
    expect(find(rows, "growth extract 10k→100k")?.note).toContain("CPU time 19.0 → 190.0 s = 10.00×");
  });

  it("marks a failed stage and leaves it out of growth", () => {
    const broken = size(100_000, 100);
    broken.stages = broken.stages.slice(0, 2);
    broken.stages[1] = { ...(broken.stages[1] as StageRun), ok: false, exitCode: 1, tail: "out of memory" };
    const rows = rowsOf([size(10_000, 10), broken]);
    expect(find(rows, "extract 100k")?.met).toBe(false);
    expect(find(rows, "extract 100k")?.note).toContain("FAILED: out of memory");
    expect(find(rows, "end to end 100k")?.met).toBe(false);
    expect(find(rows, "growth extract 10k→100k")).toBeUndefined();
    expect(find(rows, "growth ingest 10k→100k")).toBeDefined();
  });
});

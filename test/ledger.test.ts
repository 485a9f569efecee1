import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LedgerWriter, ledgerKeys, readLedger } from "../core/ledger.ts";

interface Row {
  id: string;
  n: number;
}

async function readAll(path: string): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const { record } of readLedger<Row>(path)) rows.push(record);
  return rows;
}

describe("ledger", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "fw-ledger-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads back what was appended, in order, across writers", async () => {
    const path = join(dir, "a.jsonl");
    const first = new LedgerWriter<Row>(path);
    first.append([
      { id: "a", n: 1 },
      { id: "b", n: 2 },
    ]);
    first.close();
    const second = new LedgerWriter<Row>(path);
    second.append([{ id: "c", n: 3 }]);
    second.close();
    expect((await readAll(path)).map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(await ledgerKeys<Row>(path, (r) => r.id)).toEqual(new Set(["a", "b", "c"]));
  });

  it("treats a missing file as empty", async () => {
    expect(await readAll(join(dir, "missing.jsonl"))).toEqual([]);
  });

  it("skips a line torn by a crash and cuts it before the next append", async () => {
    const path = join(dir, "torn.jsonl");
    writeFileSync(path, '{"id":"a","n":1}\n{"id":"b","n":2}\n{"id":"c","n"');
    expect((await readAll(path)).map((r) => r.id)).toEqual(["a", "b"]);
    const writer = new LedgerWriter<Row>(path);
    writer.append([{ id: "d", n: 4 }]);
    writer.close();
    expect(readFileSync(path, "utf8")).toBe('{"id":"a","n":1}\n{"id":"b","n":2}\n{"id":"d","n":4}\n');
  });

  it("cuts a torn tail longer than the scan chunk without touching whole lines", async () => {
    const path = join(dir, "long.jsonl");
    writeFileSync(path, `{"id":"a","n":1}\n{"id":"${"x".repeat(200_000)}`);
    const writer = new LedgerWriter<Row>(path);
    writer.append([{ id: "b", n: 2 }]);
    writer.close();
    expect((await readAll(path)).map((r) => r.id)).toEqual(["a", "b"]);
  });

  it("names file and line of a corrupt line in the middle", async () => {
    const path = join(dir, "bad.jsonl");
    writeFileSync(path, '{"id":"a","n":1}\nnot json\n{"id":"b","n":2}\n');
    await expect(readAll(path)).rejects.toThrow(`${path}:2`);
  });

  it("survives every possible crash point of a batch (property)", async () => {
    const path = join(dir, "prop.jsonl");
    const whole = '{"id":"a","n":1}\n{"id":"b","n":2}\n{"id":"c","n":3}\n';
    for (let cut = 0; cut <= whole.length; cut++) {
      writeFileSync(path, whole.slice(0, cut));
      const ids = (await readAll(path)).map((r) => r.id);
      const completeLines = whole.slice(0, cut).split("\n").length - 1;
      expect(ids).toEqual(["a", "b", "c"].slice(0, completeLines));
      const writer = new LedgerWriter<Row>(path);
      writer.append([{ id: "z", n: 9 }]);
      writer.close();
      expect((await readAll(path)).map((r) => r.id)).toEqual([...["a", "b", "c"].slice(0, completeLines), "z"]);
    }
    appendFileSync(path, "");
  });
});

import { describe, expect, it } from "vitest";
import { parseShard, selectShard, shardOf } from "../core/shard.ts";

const FILES = Array.from({ length: 200 }, (_, i) => `warc/bench-${String(i).padStart(5, "0")}.warc.gz`);

describe("selectShard", () => {
  it("partitions the files: every file in exactly one shard, input order kept", () => {
    for (const count of [1, 2, 3, 7]) {
      const shards = Array.from({ length: count }, (_, index) => selectShard(FILES, { index, count }));
      const all = shards.flat();
      expect(all.length).toBe(FILES.length);
      expect(new Set(all)).toEqual(new Set(FILES));
      for (const shard of shards) expect(shard).toEqual(FILES.filter((f) => shard.includes(f)));
    }
  });

  it("spreads files over the shards (no shard empty or holding most of them)", () => {
    const sizes = Array.from({ length: 4 }, (_, index) => selectShard(FILES, { index, count: 4 }).length);
    for (const size of sizes) {
      expect(size).toBeGreaterThan(FILES.length / 8);
      expect(size).toBeLessThan(FILES.length / 2);
    }
  });

  it("depends only on the base name, not on folder or list order or the other files", () => {
    const moved = FILES.map((f) => f.replace("warc/", "s3://bucket/crawl-2024/")).reverse();
    for (let index = 0; index < 3; index++) {
      const a = selectShard(FILES, { index, count: 3 }).map((f) => f.split("/").pop());
      const b = selectShard(moved, { index, count: 3 }).map((f) => f.split("/").pop());
      expect(new Set(b)).toEqual(new Set(a));
    }
    const more = [...FILES, "warc/later-00001.warc.gz"];
    expect(selectShard(more, { index: 2, count: 5 }).filter((f) => FILES.includes(f))).toEqual(
      selectShard(FILES, { index: 2, count: 5 }),
    );
  });

  it("is a stable function of the name (a pinned value guards against hash changes)", () => {
    // sha256("bench-00000.warc.gz") starts with a fixed prefix; a change here moves files between existing shards.
    expect(Array.from({ length: 8 }, (_, i) => shardOf(FILES[i] as string, 3))).toMatchInlineSnapshot(`
      [
        1,
        0,
        1,
        0,
        0,
        2,
        1,
        0,
      ]
    `);
  });

  it("rejects impossible shards with a message naming the value", () => {
    expect(() => selectShard(FILES, { index: 3, count: 3 })).toThrow("0 … 2");
    expect(() => selectShard(FILES, { index: 0, count: 0 })).toThrow("≥ 1");
  });
});

describe("parseShard", () => {
  it("parses i/n", () => {
    expect(parseShard("0/4")).toEqual({ index: 0, count: 4 });
    expect(parseShard(" 3/4 ")).toEqual({ index: 3, count: 4 });
  });
  it("refuses other forms", () => {
    expect(() => parseShard("4/4")).toThrow('"4/4"');
    expect(() => parseShard("1-4")).toThrow("i/n");
    expect(() => parseShard("a/b")).toThrow("i/n");
  });
});

import { describe, expect, it } from "vitest";
import { createPool, PoolBatchError } from "../core/pool.ts";

const SQUARE = new URL("./fixtures/pool/square.ts", import.meta.url);
const NO_HANDLE = new URL("./fixtures/pool/no-handle.ts", import.meta.url);

interface Item {
  id: string;
  n: number;
  waitMs?: number;
  fail?: "throw" | "crash";
}
interface Out {
  id: string;
  square: number;
  thread: number;
}

function batchesOf(items: Item[], size: number): Item[][] {
  const out: Item[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function collect<T>(gen: AsyncGenerator<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of gen) out.push(...batch);
  return out;
}

describe("createPool", () => {
  it("runs a TypeScript handler in worker threads and keeps input order when batches finish out of order", async () => {
    const pool = createPool<Item, Out>(SQUARE, { size: 2 });
    try {
      // Early batches are slow, late ones fast: completion order differs from input order.
      const items = Array.from({ length: 40 }, (_, i) => ({ id: `a${i}`, n: i, waitMs: i < 8 ? 30 : 0 }));
      const out = await collect(pool.map(batchesOf(items, 4)));
      expect(out.map((o) => o.id)).toEqual(items.map((i) => i.id));
      expect(out.map((o) => o.square)).toEqual(items.map((i) => i.n * i.n));
      expect(new Set(out.map((o) => o.thread)).size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it("reads the source only while fewer than maxInFlight batches are out (backpressure)", async () => {
    const pool = createPool<Item, Out>(SQUARE, { size: 2, maxInFlight: 3 });
    let pulled = 0;
    let yielded = 0;
    let maxAhead = 0;
    async function* source(): AsyncGenerator<Item[]> {
      for (let b = 0; b < 30; b++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - yielded);
        yield [{ id: `b${b}`, n: b }];
      }
    }
    try {
      for await (const batch of pool.map(source())) {
        yielded++;
        expect(batch[0]?.id).toBe(`b${yielded - 1}`);
        // A slow consumer: the pool must not run ahead of it.
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(yielded).toBe(30);
      expect(maxAhead).toBeLessThanOrEqual(3);
    } finally {
      await pool.close();
    }
  });

  it("reports a failing batch with its item ids instead of dropping it", async () => {
    const pool = createPool<Item, Out>(SQUARE, { size: 2 });
    try {
      const items: Item[] = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, n: i }));
      (items[5] as Item).fail = "throw";
      const error = await collect(pool.map(batchesOf(items, 3))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PoolBatchError);
      const batchError = error as PoolBatchError;
      expect(batchError.batchIndex).toBe(1);
      expect(batchError.itemIds).toEqual(["c3", "c4", "c5"]);
      expect(batchError.message).toContain("cannot square item c5");
      expect(batchError.message).toContain("c3, c4, c5");
    } finally {
      await pool.close();
    }
  });

  it("lets the caller substitute results for a failed batch and goes on with the others", async () => {
    const pool = createPool<Item, Out>(SQUARE, { size: 2 });
    try {
      const items: Item[] = Array.from({ length: 9 }, (_, i) => ({ id: `d${i}`, n: i }));
      (items[4] as Item).fail = "throw";
      const out = await collect(
        pool.map(batchesOf(items, 3), {
          onError: (e) => e.itemIds.map((id) => ({ id, square: -1, thread: -1 })),
        }),
      );
      expect(out.map((o) => o.id)).toEqual(items.map((i) => i.id));
      expect(out.map((o) => o.square)).toEqual([0, 1, 4, -1, -1, -1, 36, 49, 64]);
    } finally {
      await pool.close();
    }
  });

  it("fails only the batch whose worker died, and replaces the worker", async () => {
    const pool = createPool<Item, Out>(SQUARE, { size: 1 });
    try {
      const dead = await pool.run([{ id: "e1", n: 1, fail: "crash" }]).catch((e: unknown) => e);
      expect(dead).toBeInstanceOf(PoolBatchError);
      expect((dead as PoolBatchError).message).toMatch(/e1\]: worker died \(exit code 7\)/);
      const after = await pool.run([{ id: "e2", n: 5 }]);
      expect(after.map((o) => o.square)).toEqual([25]);
    } finally {
      await pool.close();
    }
  });

  it("hands init data to every worker once before its first batch", async () => {
    const pool = createPool<Item, Out>(SQUARE, { size: 2, init: { offset: 1000 } });
    try {
      const items = Array.from({ length: 16 }, (_, i) => ({ id: `h${i}`, n: i, waitMs: 5 }));
      const out = await collect(pool.map(batchesOf(items, 2)));
      expect(out.map((o) => o.square)).toEqual(items.map((i) => i.n * i.n + 1000));
      expect(new Set(out.map((o) => o.thread)).size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it("rejects with the module's name when it does not export handle", async () => {
    const pool = createPool<Item, Out>(NO_HANDLE, { size: 1 });
    try {
      const error = await pool.run([{ id: "f1", n: 1 }]).catch((e: unknown) => e);
      expect(String(error)).toContain("no-handle.ts does not export a handle(batch) function");
    } finally {
      await pool.close();
    }
  });

  it("waits for submitted batches on close and refuses new ones after", async () => {
    const pool = createPool<Item, Out>(SQUARE, { size: 2 });
    const running = pool.run([{ id: "g1", n: 3, waitMs: 20 }]);
    await pool.close();
    await expect(running).resolves.toEqual([expect.objectContaining({ id: "g1", square: 9 })]);
    await expect(pool.run([{ id: "g2", n: 1 }])).rejects.toThrow("closed");
    await pool.close();
  });
});

import { basename } from "node:path";
import { sha256 } from "./hash.ts";

/**
 * Sharding of input files (WARC lists) so any batch scheduler can run `framewatch ingest --shard i/n` jobs in
 * parallel, each into its own workspace. A file's shard depends only on its base name (sha256 → integer mod n), so
 * the same file lands in the same shard whatever folder or object-store prefix it is listed under, in whatever order,
 * and adding files never moves the ones already assigned. The shards of one count partition the list.
 */

export interface Shard {
  /** 0-based: 0 ≤ index < count. */
  index: number;
  count: number;
}

/** Hex digits of the sha256 used as the integer (48 bits: exact in a double, uniform enough for any shard count). */
const HASH_HEX_DIGITS = 12;

/** Which shard (0-based) of `count` a file belongs to. */
export function shardOf(file: string, count: number): number {
  return Number.parseInt(sha256(basename(file)).slice(0, HASH_HEX_DIGITS), 16) % count;
}

/** The files of one shard, in their input order. */
export function selectShard(files: string[], shard: Shard): string[] {
  checkShard(shard);
  return files.filter((file) => shardOf(file, shard.count) === shard.index);
}

/** Parses "i/n" (0-based index, e.g. "0/4" … "3/4"); throws an Error whose message names the value. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!match) throw new Error(`--shard must look like i/n (e.g. 0/4), got "${value}"`);
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  checkShard(shard, value);
  return shard;
}

function checkShard(shard: Shard, text = `${shard.index}/${shard.count}`): void {
  if (!Number.isInteger(shard.count) || shard.count < 1) throw new Error(`shard count must be ≥ 1, got "${text}"`);
  if (!Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) {
    throw new Error(`shard index must be 0 … ${shard.count - 1} (0-based), got "${text}"`);
  }
}

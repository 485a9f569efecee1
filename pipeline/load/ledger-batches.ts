import { open } from "node:fs/promises";

/**
 * Reads a JSONL ledger from a byte offset in batches of whole lines. A last line without its newline is torn (a
 * writer is mid-append or crashed) and is left for the next load, so the offset always points at a line start.
 */

export interface RawLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

export interface LedgerBatch {
  lines: RawLine[];
  /** Offset just past the last whole line of this batch, and the number of lines before it. */
  endByte: number;
  endLine: number;
}

export interface BatchLimits {
  maxLines: number;
  maxBytes: number;
}

const READ_CHUNK = 1 << 20;

/** Yields batches of whole lines starting at `fromByte` (which must be a line start, after `fromLine` lines). */
export async function* readLedgerBatches(
  path: string,
  fromByte: number,
  fromLine: number,
  limits: BatchLimits,
): AsyncGenerator<LedgerBatch> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(READ_CHUNK);
    let position = fromByte;
    let lineNo = fromLine;
    let carry: Buffer = Buffer.alloc(0);
    let batch: RawLine[] = [];
    let batchBytes = 0;
    let consumed = fromByte;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data =
        carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, bytesRead)]) : buffer.subarray(0, bytesRead);
      let start = 0;
      for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
        lineNo += 1;
        const length = nl + 1 - start;
        batch.push({ line: lineNo, text: data.toString("utf8", start, nl) });
        batchBytes += length;
        consumed += length;
        start = nl + 1;
        if (batch.length >= limits.maxLines || batchBytes >= limits.maxBytes) {
          yield { lines: batch, endByte: consumed, endLine: lineNo };
          batch = [];
          batchBytes = 0;
        }
      }
      // Copy the partial tail: `buffer` is reused by the next read.
      carry = Buffer.from(data.subarray(start));
    }
    if (batch.length > 0) yield { lines: batch, endByte: consumed, endLine: lineNo };
  } finally {
    await handle.close();
  }
}

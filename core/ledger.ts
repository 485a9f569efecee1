import {
  closeSync,
  createReadStream,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  writeSync,
} from "node:fs";
import { createInterface } from "node:readline";
import { InputError } from "./errors.ts";

/**
 * Append-only JSONL ledgers: the hand-over between stages.
 *
 * Crash safety comes from two rules: a batch of records is written with one write() of whole lines, and a reader
 * treats a last line without its newline as torn by a crash (skipped; the next writer cuts it off before appending).
 * So a SIGKILL at any moment loses at most the batch being written, which the stage then redoes on resume.
 */

export interface LedgerLine<T> {
  /** 1-based line number in the file, for error messages. */
  line: number;
  record: T;
}

export interface ReadLedgerOptions {
  /** Called for a line that is not valid JSON (other than a torn last line). Default: throw an InputError. */
  onBadLine?: (line: number, text: string, error: unknown) => void;
}

/** Streams the records of a ledger; a missing file is an empty ledger. */
export async function* readLedger<T>(path: string, options: ReadLedgerOptions = {}): AsyncGenerator<LedgerLine<T>> {
  if (!existsSync(path)) return;
  const complete = endsWithNewline(path);
  const lines = createInterface({
    input: createReadStream(path, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNo = 0;
  let pending: string | null = null;
  // Hold each line back by one so the last one can be recognised (and skipped when the file has no final newline).
  for await (const text of lines) {
    if (pending !== null) yield parseLine<T>(path, lineNo, pending, options);
    lineNo += 1;
    pending = text;
  }
  if (pending !== null && complete) yield parseLine<T>(path, lineNo, pending, options);
}

function parseLine<T>(path: string, line: number, text: string, options: ReadLedgerOptions): LedgerLine<T> {
  try {
    return { line, record: JSON.parse(text) as T };
  } catch (error) {
    if (options.onBadLine) {
      options.onBadLine(line, text, error);
      return { line, record: undefined as T };
    }
    throw new InputError(`not valid JSON (${(error as Error).message})`, `${path}:${line}`, { cause: error });
  }
}

function endsWithNewline(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

/** Collects one key of every record (e.g. the ids already processed), for incremental reruns. */
export async function ledgerKeys<T>(path: string, key: (record: T) => string | null | undefined): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const { record } of readLedger<T>(path)) {
    const k = record === undefined ? null : key(record);
    if (k) keys.add(k);
  }
  return keys;
}

/** Appends whole records to a ledger; repairs a torn last line left by a crash before the first append. */
export class LedgerWriter<T> {
  private fd: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, "a+");
    cutTornTail(this.fd);
  }

  /** Writes the records as one batch of whole lines. */
  append(records: readonly T[]): void {
    if (records.length === 0) return;
    let chunk = "";
    for (const record of records) chunk += `${JSON.stringify(record)}\n`;
    writeSync(this.fd, chunk);
  }

  close(): void {
    closeSync(this.fd);
  }
}

function cutTornTail(fd: number): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const chunk = Buffer.alloc(Math.min(size, 1 << 16));
  // Scan backwards for the last newline; everything after it is a torn line.
  for (let end = size; end > 0; end -= chunk.length) {
    const start = Math.max(0, end - chunk.length);
    const length = end - start;
    readSync(fd, chunk, 0, length, start);
    if (end === size && chunk[length - 1] === 0x0a) return;
    const at = chunk.subarray(0, length).lastIndexOf(0x0a);
    if (at !== -1) {
      ftruncateSync(fd, start + at + 1);
      return;
    }
  }
  ftruncateSync(fd, 0);
}

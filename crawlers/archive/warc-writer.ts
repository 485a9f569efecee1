import { createHash } from "node:crypto";
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, writeSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { WARCRecord, WARCSerializer } from "warcio";
import { sha256 } from "../../core/hash.ts";
import type { CaptureVia } from "../../core/records.ts";

/** A WARC file is closed and a new one started once it grows past this many bytes. */
export const DEFAULT_ROTATE_BYTES = 1_000_000_000;

/** HTTP headers that describe the transfer, not the payload; we store decoded bodies, so they would lie. */
const TRANSFER_HEADERS = new Set(["content-encoding", "transfer-encoding", "content-length"]);

export interface Exchange {
  url: string;
  requestHeaders: Record<string, string>;
  method: string;
  status: number;
  statusText?: string;
  responseHeaders: Record<string, string>;
  /** Response body as received after content decoding (gzip/br removed), never charset-decoded. */
  body: Uint8Array;
  date: Date;
  via: CaptureVia;
  /** Extra WARC headers (e.g. WARC-Concurrent-To for the rendered DOM of a browser page). */
  warcHeaders?: Record<string, string>;
  /** Skip the request record (e.g. the rendered DOM of a page whose request is already archived). */
  noRequestRecord?: boolean;
  /** sha256 hex of `body` when the caller has it already (saves hashing large bodies twice). */
  bodySha256?: string;
}

export interface WrittenRecord {
  /** WARC file path relative to the workspace root (the parent of the WARC folder). */
  file: string;
  /** Byte offset of the gzip member holding the response record. */
  offset: number;
  length: number;
  /** WARC-Record-ID of the response record, e.g. "<urn:uuid:…>". */
  recordId: string;
  /** WARC-Date of the record (ISO 8601), the capture's fetchedAt. */
  date: string;
}

export interface WarcWriterOptions {
  rotateBytes?: number;
  /** Folder the returned `file` paths are relative to (default: the parent of `dir`, i.e. the workspace root). */
  root?: string;
  /** Free-form fields of the warcinfo record. */
  info?: Record<string, string>;
}

/**
 * Appends WARC/1.1 records, one gzip member per record, so any record can be read at its offset. Each process writes
 * its own files (name = prefix + UTC time + pid + sequence): a crash leaves at most a torn tail in a file nobody
 * appends to again, and records already referenced by the captures ledger stay intact.
 */
export class WarcWriter {
  private fd: number | null = null;
  private path = "";
  private size = 0;
  private sequence = 0;
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly prefix: string,
    private readonly options: WarcWriterOptions,
  ) {}

  /** Opens a writer over `dir` (created when missing); the first file is created on the first write. */
  static open(dir: string, prefix: string, options: WarcWriterOptions = {}): WarcWriter {
    mkdirSync(dir, { recursive: true });
    return new WarcWriter(dir, prefix, options);
  }

  /** Writes a request record (unless disabled) and a response record; resolves to where the response record lives. */
  writeExchange(x: Exchange): Promise<WrittenRecord> {
    // Serialise writes so records never interleave and offsets stay exact.
    const next = this.chain.then(() => this.write(x));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Closes the current file. Pending writes finish first. */
  async close(): Promise<void> {
    await this.chain;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private async write(x: Exchange): Promise<WrittenRecord> {
    const date = x.date.toISOString();
    const bodySha = x.bodySha256 ?? sha256(x.body);
    const responseId = recordId("response", x.url, date, bodySha, x.via);
    const headers = storedResponseHeaders(x.responseHeaders, x.body.length);
    const warcHeaders: Record<string, string> = {
      "WARC-Record-ID": responseId,
      "WARC-Framewatch-Via": x.via,
      ...(x.warcHeaders ?? {}),
    };
    const response = WARCRecord.create(
      {
        url: x.url,
        date,
        type: "response",
        warcVersion: "WARC/1.1",
        warcHeaders,
        httpHeaders: headers,
        statusline: `HTTP/1.1 ${x.status} ${x.statusText ?? ""}`.trimEnd(),
      },
      [x.body],
    );
    setDigests(response, x.body, bodySha);
    const responseBytes = await gzipRecord(response);
    let requestBytes: Uint8Array | null = null;
    if (!x.noRequestRecord) {
      const path = new URL(x.url);
      const request = WARCRecord.create({
        url: x.url,
        date,
        type: "request",
        warcVersion: "WARC/1.1",
        warcHeaders: {
          "WARC-Record-ID": recordId("request", x.url, date, bodySha, x.via),
          "WARC-Concurrent-To": responseId,
        },
        httpHeaders: { Host: path.host, ...x.requestHeaders },
        statusline: `${x.method} ${path.pathname}${path.search} HTTP/1.1`,
      });
      setDigests(request, new Uint8Array(0), sha256(""));
      requestBytes = await gzipRecord(request);
    }
    await this.ensureFile();
    // Response first, then its request: the offset we hand out points at the response member.
    const offset = this.size;
    const chunk = requestBytes ? Buffer.concat([responseBytes, requestBytes]) : Buffer.from(responseBytes);
    this.append(chunk);
    return { file: this.relativePath(), offset, length: responseBytes.length, recordId: responseId, date };
  }

  private async ensureFile(): Promise<void> {
    const limit = this.options.rotateBytes ?? DEFAULT_ROTATE_BYTES;
    if (this.fd !== null && this.size < limit) return;
    if (this.fd !== null) closeSync(this.fd);
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
    let path: string;
    do {
      this.sequence += 1;
      path = join(this.dir, `${this.prefix}-${stamp}-${process.pid}-${String(this.sequence).padStart(5, "0")}.warc.gz`);
    } while (existsSync(path));
    this.path = path;
    this.fd = openSync(path, "a");
    this.size = fstatSync(this.fd).size;
    const info = WARCRecord.createWARCInfo(
      { filename: basename(path), warcVersion: "WARC/1.1", type: "warcinfo" },
      { software: "framewatch/0.1 (warcio.js 2.4)", format: "WARC File Format 1.1", ...(this.options.info ?? {}) },
    );
    this.append(await gzipRecord(info));
  }

  private append(chunk: Buffer): void {
    if (this.fd === null) throw new Error("WARC file not open");
    // One write per exchange: a crash tears at most the tail of this process's own file.
    let written = 0;
    while (written < chunk.length) written += writeSync(this.fd, chunk, written);
    this.size += chunk.length;
  }

  private relativePath(): string {
    const root = this.options.root ?? join(this.dir, "..");
    return relative(root, this.path).split("\\").join("/");
  }
}

/**
 * Sets WARC-Payload-Digest and WARC-Block-Digest with node:crypto so warcio does not hash again (it instantiates a
 * WebAssembly hasher per digest, which dominated the cost of small records).
 */
function setDigests(record: WARCRecord, body: Uint8Array, bodySha: string): void {
  const head = record.httpHeaders ? Buffer.from(`${record.httpHeaders.toString()}\r\n`, "utf8") : Buffer.alloc(0);
  const block = createHash("sha256").update(head).update(body).digest("hex");
  record.warcHeaders.headers.set("WARC-Payload-Digest", `sha256:${bodySha}`);
  record.warcHeaders.headers.set("WARC-Block-Digest", `sha256:${block}`);
}

/** Serialises a record uncompressed and gzips it in one call (one gzip member per record). */
async function gzipRecord(record: WARCRecord): Promise<Buffer> {
  return gzipSync(await WARCSerializer.serialize(record, { gzip: false }));
}

/** Deterministic record ids (same exchange ⇒ same id), shaped as a UUID URN. */
function recordId(type: string, url: string, date: string, bodySha: string, via: string): string {
  const h = sha256(`${type}\n${url}\n${date}\n${bodySha}\n${via}`);
  return `<urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}>`;
}

/**
 * The body is stored decoded, so transfer headers are kept under X-Framewatch-Original-* names (for audit) and
 * Content-Length is set to the stored length; a WARC reader then sees a consistent HTTP message.
 */
function storedResponseHeaders(headers: Record<string, string>, length: number): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (TRANSFER_HEADERS.has(lower)) {
      if (lower !== "content-length") out.push([`X-Framewatch-Original-${name}`, value]);
    } else {
      out.push([name, value]);
    }
  }
  out.push(["Content-Length", String(length)]);
  return out;
}

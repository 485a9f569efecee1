import { closeSync, openSync, renameSync, writeSync } from "node:fs";
import { basename } from "node:path";
import { gzipSync } from "node:zlib";
import { sha256 } from "../../core/hash.ts";

/**
 * The default writer of generated corpora: WARC/1.1, warcinfo, then per exchange a response record followed by its
 * request record, one gzip member per record (the layout and deterministic record-id scheme of crawlers/archive's
 * WarcWriter), but with nothing that depends on the clock or the process: the same options give the same bytes, and
 * the records look like another crawler's (no WARC-Framewatch-* headers), as in an archive a researcher ingests.
 * `--writer framewatch` writes through WarcWriter itself (framewatch-sink.ts). test/generate.test.ts reads both back
 * with crawlers/archive's reader (warcio).
 */

/** Gzip level: 6 is zlib's default (what warcio and most crawlers produce). */
export const GZIP_LEVEL = 6;
/** Buffered bytes before a write(). */
const FLUSH_BYTES = 4 * 1024 * 1024;

export interface GeneratedExchange {
  url: string;
  date: Date;
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: Buffer;
  requestHeaders: Array<[string, string]>;
}

/** Same scheme as crawlers/archive/warc-writer.ts: same exchange ⇒ same record id. */
export function warcRecordId(type: string, url: string, date: string, bodySha: string, via: string): string {
  const h = sha256(`${type}\n${url}\n${date}\n${bodySha}\n${via}`);
  return `<urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}>`;
}

function record(headers: Array<[string, string]>, block: Buffer): Buffer {
  const head = `WARC/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join("")}Content-Length: ${block.length}\r\n\r\n`;
  return gzipSync(Buffer.concat([Buffer.from(head, "utf8"), block, Buffer.from("\r\n\r\n")]), { level: GZIP_LEVEL });
}

/** Writes one .warc.gz file; it appears under its final name only after `close()` (temp file, then rename). */
export class GeneratedWarcFile {
  private readonly fd: number;
  private readonly tmpPath: string;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  bytes = 0;
  records = 0;

  constructor(
    readonly path: string,
    info: Record<string, string>,
  ) {
    this.tmpPath = `${path}.tmp`;
    this.fd = openSync(this.tmpPath, "w");
    const fields = Buffer.from(
      Object.entries({ ...info, format: "WARC File Format 1.1" })
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join(""),
      "utf8",
    );
    const name = basename(path);
    this.push(
      record(
        [
          ["WARC-Type", "warcinfo"],
          ["WARC-Record-ID", warcRecordId("warcinfo", name, "", sha256(fields), "")],
          ["WARC-Date", "2024-07-28T00:00:00Z"],
          ["WARC-Filename", name],
          ["Content-Type", "application/warc-fields"],
        ],
        fields,
      ),
    );
  }

  /** Appends a response record and its request record; returns the response record's offset. */
  writeExchange(x: GeneratedExchange): number {
    const date = x.date.toISOString().replace(/\.\d{3}Z$/, "Z");
    const bodySha = sha256(x.body);
    const responseId = warcRecordId("response", x.url, date, bodySha, "http");
    const httpHead = [
      `HTTP/1.1 ${x.status} ${x.statusText}`,
      ...x.headers.map(([k, v]) => `${k}: ${v}`),
      `Content-Length: ${x.body.length}`,
    ].join("\r\n");
    const block = Buffer.concat([Buffer.from(`${httpHead}\r\n\r\n`, "utf8"), x.body]);
    const offset = this.bytes + this.pendingBytes;
    this.push(
      record(
        [
          ["WARC-Type", "response"],
          ["WARC-Record-ID", responseId],
          ["WARC-Date", date],
          ["WARC-Target-URI", x.url],
          ["WARC-Payload-Digest", `sha256:${bodySha}`],
          ["WARC-Block-Digest", `sha256:${sha256(block)}`],
          ["Content-Type", "application/http; msgtype=response"],
        ],
        block,
      ),
    );
    const u = new URL(x.url);
    const request = Buffer.from(
      `${[`GET ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, ...x.requestHeaders.map(([k, v]) => `${k}: ${v}`)].join("\r\n")}\r\n\r\n`,
      "utf8",
    );
    this.push(
      record(
        [
          ["WARC-Type", "request"],
          ["WARC-Record-ID", warcRecordId("request", x.url, date, bodySha, "http")],
          ["WARC-Date", date],
          ["WARC-Target-URI", x.url],
          ["WARC-Concurrent-To", responseId],
          ["Content-Type", "application/http; msgtype=request"],
        ],
        request,
      ),
    );
    this.records += 1;
    return offset;
  }

  /** Flushes, closes and moves the file to its final name. */
  close(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.tmpPath, this.path);
  }

  private push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending);
    let written = 0;
    while (written < chunk.length) written += writeSync(this.fd, chunk, written);
    this.bytes += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** Where generated exchanges go: this module's writer, or crawlers/archive's WarcWriter (see FramewatchWarcFile). */
export interface ExchangeSink {
  writeExchange(x: GeneratedExchange): unknown;
  /** Finishes the file under its final name; resolves to its size and number of exchanges. */
  finish(): Promise<{ bytes: number; records: number }>;
}

/** A GeneratedWarcFile as an ExchangeSink. */
export function benchSink(path: string, info: Record<string, string>): ExchangeSink {
  const file = new GeneratedWarcFile(path, info);
  return {
    writeExchange: (x) => file.writeExchange(x),
    finish: async () => {
      file.close();
      return { bytes: file.bytes, records: file.records };
    },
  };
}

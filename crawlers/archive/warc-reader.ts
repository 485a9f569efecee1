import { createReadStream } from "node:fs";
import { WARCParser, type WARCRecord } from "warcio";

export interface WarcResponse {
  url: string;
  status: number;
  /** HTTP response headers as stored (names lower-cased; repeated headers joined with ", "). */
  headers: Record<string, string>;
  /** Payload bytes as stored (for framewatch WARCs: decoded from gzip/br, not charset-decoded). */
  body: Buffer;
  /** WARC-Date (ISO 8601). */
  date: string;
}

export interface WarcResponseEntry extends WarcResponse {
  offset: number;
  length: number;
  recordId: string;
  /** WARC headers of the record, names lower-cased (e.g. "warc-framewatch-via"). */
  warcHeaders: Record<string, string>;
}

/** Reads the response record that starts at `offset` (a gzip member boundary, as stored in a Capture). */
export async function readWarcResponse(path: string, offset: number): Promise<WarcResponse> {
  const stream = createReadStream(path, { start: offset });
  try {
    const parser = new WARCParser(stream);
    const record = await parser.parse();
    if (!record) throw new Error(`${path}@${offset}: no WARC record at this offset`);
    if (record.warcType !== "response" && record.warcType !== "resource") {
      throw new Error(`${path}@${offset}: WARC record is "${record.warcType}", not a response`);
    }
    return await toResponse(record);
  } finally {
    stream.destroy();
  }
}

/**
 * Streams the response records of a WARC file (gzip per record or uncompressed), with the offset and length of
 * each, e.g. to import an existing archive.
 */
export async function* iterateWarcResponses(path: string): AsyncGenerator<WarcResponseEntry> {
  const stream = createReadStream(path);
  try {
    const parser = new WARCParser(stream);
    for await (const record of parser) {
      if (record.warcType !== "response") {
        await record.skipFully();
        continue;
      }
      const response = await toResponse(record);
      yield {
        ...response,
        offset: parser.offset,
        length: parser.recordLength,
        recordId: record.warcHeaders.headers.get("WARC-Record-ID") ?? "",
        warcHeaders: headersObject(record.warcHeaders.headers),
      };
    }
  } finally {
    stream.destroy();
  }
}

async function toResponse(record: WARCRecord): Promise<WarcResponse> {
  const body = Buffer.from(await record.readFully(false));
  const info = record.getResponseInfo();
  return {
    url: record.warcTargetURI ?? "",
    status: Number(info?.status ?? 0),
    headers: info ? headersObject(info.headers) : {},
    body,
    date: record.warcDate ?? "",
  };
}

function headersObject(headers: { entries(): IterableIterator<[string, string]> } | Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers.entries()) {
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
}

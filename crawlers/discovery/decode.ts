import iconv from "iconv-lite";

/** How far into a document we look for an XML declaration or <meta charset>. */
const SNIFF_BYTES = 2048;

/**
 * Decodes a fetched document for discovery (feeds, sitemaps, section pages): charset from the Content-Type header,
 * else the XML declaration or <meta charset>, else UTF-8. Archived bodies are never decoded; this is only for parsing.
 */
export function decodeBody(body: Uint8Array, contentType: string | null): string {
  const charset = charsetOf(contentType) ?? sniffCharset(body) ?? "utf-8";
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (iconv.encodingExists(charset)) return iconv.decode(buffer, charset);
  return buffer.toString("utf8");
}

export function charsetOf(contentType: string | null): string | null {
  const match = contentType ? /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType) : null;
  return match?.[1]?.toLowerCase() ?? null;
}

function sniffCharset(body: Uint8Array): string | null {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, SNIFF_BYTES)).toString("latin1");
  const xml = /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml?.[1]) return xml[1].toLowerCase();
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta?.[1]?.toLowerCase() ?? null;
}

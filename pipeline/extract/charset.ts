import iconv from "iconv-lite";

/**
 * Bytes → text for HTML whose encoding must be found: the HTTP Content-Type charset, a byte order mark, a `<meta>`
 * declaration in the first bytes, then sniffing (valid UTF-8, else windows-1252, the de-facto meaning of "Latin-1"
 * on the web). Labels TextDecoder does not know go through iconv-lite.
 */

/** How many leading bytes are scanned for a `<meta charset>` (the HTML standard says 1024; pages overshoot). */
export const META_SCAN_BYTES = 4096;

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i;
const HEADER_CHARSET = /charset\s*=\s*["']?\s*([\w:.-]+)/i;

export interface Decoded {
  text: string;
  charset: string;
  /** "header", "bom", "meta" or "sniffed". */
  source: string;
}

function normaliseLabel(label: string): string {
  const l = label.trim().toLowerCase();
  // Browsers decode pages labelled Latin-1/ASCII as windows-1252 (the WHATWG encoding standard does the same).
  if (l === "iso-8859-1" || l === "latin1" || l === "latin-1" || l === "us-ascii" || l === "ascii")
    return "windows-1252";
  if (l === "utf8") return "utf-8";
  return l;
}

function decodeWith(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    if (iconv.encodingExists(label))
      return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), label);
    return null;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes an HTML response body. */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), charset: "utf-8", source: "bom" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), charset: "utf-16le", source: "bom" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), charset: "utf-16be", source: "bom" };
  const header = contentType ? HEADER_CHARSET.exec(contentType)?.[1] : undefined;
  if (header) {
    const label = normaliseLabel(header);
    const text = decodeWith(bytes, label);
    if (text !== null) return { text, charset: label, source: "header" };
  }
  const head = new TextDecoder("windows-1252").decode(bytes.subarray(0, META_SCAN_BYTES));
  const declared = META_CHARSET.exec(head)?.[1];
  if (declared) {
    let label = normaliseLabel(declared);
    // A page saved as UTF-8 that still declares a legacy charset is common; valid UTF-8 with non-ASCII wins.
    if (label !== "utf-8" && hasNonAscii(bytes) && isValidUtf8(bytes)) label = "utf-8";
    const text = decodeWith(bytes, label);
    if (text !== null) return { text, charset: label, source: "meta" };
  }
  if (isValidUtf8(bytes)) return { text: new TextDecoder("utf-8").decode(bytes), charset: "utf-8", source: "sniffed" };
  return { text: new TextDecoder("windows-1252").decode(bytes), charset: "windows-1252", source: "sniffed" };
}

import { createHash } from "node:crypto";

/** sha256 hex of a string (UTF-8) or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Short stable id: the first 16 hex chars of sha256 over the parts joined by newlines. */
export function stableId(...parts: string[]): string {
  return sha256(parts.join("\n")).slice(0, 16);
}

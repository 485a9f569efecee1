import { renameSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { WarcWriter } from "../../crawlers/archive/index.ts";
import type { ExchangeSink, GeneratedExchange } from "./warc.ts";

/** One WARC per generated file: the writer must never rotate inside it. */
const NO_ROTATION = Number.MAX_SAFE_INTEGER;

/**
 * Writes a generated file through crawlers/archive's WarcWriter (`--writer framewatch`), i.e. exactly as a framewatch
 * crawl archives pages (WARC-Framewatch-Via headers, its warcinfo). WarcWriter names files by time and pid, so the
 * file is renamed to its bench name when done; its warcinfo still carries the original name and time, so unlike the
 * default writer the bytes differ from run to run (the records do not).
 */
export function framewatchSink(path: string, info: Record<string, string>): ExchangeSink {
  const dir = dirname(path);
  const writer = WarcWriter.open(dir, `${basename(path, ".warc.gz")}.tmp`, {
    root: dir,
    rotateBytes: NO_ROTATION,
    info,
  });
  let written: string | null = null;
  let records = 0;
  return {
    async writeExchange(x: GeneratedExchange) {
      const record = await writer.writeExchange({
        url: x.url,
        method: "GET",
        requestHeaders: Object.fromEntries(x.requestHeaders),
        status: x.status,
        statusText: x.statusText,
        responseHeaders: Object.fromEntries(x.headers),
        body: x.body,
        date: x.date,
        via: "http",
      });
      written = join(dir, record.file);
      records += 1;
    },
    async finish() {
      await writer.close();
      if (written === null) return { bytes: 0, records: 0 };
      renameSync(written, path);
      return { bytes: statSync(path).size, records };
    },
  };
}

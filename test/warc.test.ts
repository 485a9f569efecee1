import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { iterateWarcResponses, readWarcResponse, WarcWriter } from "../crawlers/archive/index.ts";

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "fw-warc-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// Latin-1 bytes for "Señal" (0xF1), to prove bodies are kept as bytes, never charset-decoded.
const LATIN1 = Buffer.from([0x3c, 0x70, 0x3e, 0x53, 0x65, 0xf1, 0x61, 0x6c, 0x3c, 0x2f, 0x70, 0x3e]);

describe("WarcWriter / readWarcResponse", () => {
  it("round-trips exchanges and reads each response at its offset", async () => {
    const root = scratch();
    const writer = WarcWriter.open(join(root, "warc"), "test");
    const bodies = [Buffer.from("<html><body>uno</body></html>"), LATIN1, Buffer.alloc(0), Buffer.alloc(300_000, 0x61)];
    const written = [];
    for (const [i, body] of bodies.entries()) {
      written.push(
        await writer.writeExchange({
          url: `http://news.example/a/${i}?q=1`,
          method: "GET",
          requestHeaders: { "User-Agent": "framewatch/0.1 (+test)" },
          status: i === 2 ? 404 : 200,
          statusText: i === 2 ? "Not Found" : "OK",
          responseHeaders: {
            "Content-Type": i === 1 ? "text/html; charset=iso-8859-1" : "text/html; charset=utf-8",
            "Content-Encoding": "gzip",
            ETag: `"v${i}"`,
          },
          body,
          date: new Date(Date.UTC(2024, 6, 29, 8, 0, i)),
          via: "http",
        }),
      );
    }
    await writer.close();
    const first = written[0];
    expect(first?.file).toMatch(/^warc\/test-.*\.warc\.gz$/);
    for (const [i, w] of written.entries()) {
      const r = await readWarcResponse(join(root, w.file), w.offset);
      expect(r.url).toBe(`http://news.example/a/${i}?q=1`);
      expect(r.status).toBe(i === 2 ? 404 : 200);
      expect(Buffer.compare(r.body, bodies[i] as Buffer)).toBe(0);
      expect(r.headers.etag).toBe(`"v${i}"`);
      // The body is stored decoded, so the original Content-Encoding is kept under another name.
      expect(r.headers["content-encoding"]).toBeUndefined();
      expect(r.headers["x-framewatch-original-content-encoding"]).toBe("gzip");
      expect(r.headers["content-length"]).toBe(String(bodies[i]?.length));
      expect(r.date).toBe(`2024-07-29T08:00:0${i}.000Z`);
    }
    expect(
      (await readWarcResponse(join(root, first?.file ?? ""), written[1]?.offset ?? 0)).headers["content-type"],
    ).toBe("text/html; charset=iso-8859-1");
  });

  it("writes warcinfo first, then response + request per exchange, each its own gzip member", async () => {
    const root = scratch();
    const writer = WarcWriter.open(join(root, "warc"), "t");
    const w = await writer.writeExchange({
      url: "http://news.example/x",
      method: "GET",
      requestHeaders: { Accept: "text/html" },
      status: 200,
      responseHeaders: { "Content-Type": "text/html" },
      body: Buffer.from("hola"),
      date: new Date(Date.UTC(2024, 7, 1)),
      via: "browser",
    });
    await writer.close();
    const raw = readFileSync(join(root, w.file));
    const member = gunzipSync(raw.subarray(w.offset, w.offset + w.length)).toString("latin1");
    expect(member.startsWith("WARC/1.1\r\n")).toBe(true);
    expect(member).toContain("WARC-Type: response");
    expect(member).toContain("WARC-Framewatch-Via: browser");
    expect(member).toContain(`WARC-Record-ID: ${w.recordId}`);
    expect(member).toContain(`WARC-Payload-Digest: sha256:${createHash("sha256").update("hola").digest("hex")}`);
    const all = gunzipSync(raw).toString("latin1");
    const types = [...all.matchAll(/WARC-Type: (\w+)/g)].map((m) => m[1]);
    expect(types).toEqual(["warcinfo", "response", "request"]);
    expect(all).toContain("GET /x HTTP/1.1");
  });

  it("iterates the responses of a file with offsets that readWarcResponse accepts", async () => {
    const root = scratch();
    const writer = WarcWriter.open(join(root, "warc"), "it");
    const ids = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        await writer.writeExchange({
          url: `http://news.example/${i}`,
          method: "GET",
          requestHeaders: {},
          status: 200,
          responseHeaders: { "Content-Type": "text/html" },
          body: Buffer.from(`page ${i}`),
          date: new Date(Date.UTC(2024, 7, 1, 0, 0, i)),
          via: "http",
        }),
      );
    }
    await writer.close();
    const seen = [];
    for await (const entry of iterateWarcResponses(join(root, ids[0]?.file ?? ""))) {
      seen.push(entry);
      const again = await readWarcResponse(join(root, ids[0]?.file ?? ""), entry.offset);
      expect(again.body.toString()).toBe(entry.body.toString());
    }
    expect(seen.map((s) => s.body.toString())).toEqual([0, 1, 2, 3, 4].map((i) => `page ${i}`));
    expect(seen.map((s) => s.offset)).toEqual(ids.map((w) => w.offset));
    expect(seen.map((s) => s.recordId)).toEqual(ids.map((w) => w.recordId));
    expect(seen.map((s) => s.length)).toEqual(ids.map((w) => w.length));
  });

  it("rotates to a new file past the size limit and gives deterministic record ids", async () => {
    const root = scratch();
    const writer = WarcWriter.open(join(root, "warc"), "rot", { rotateBytes: 2_000 });
    const files = new Set<string>();
    const ids = [];
    for (let i = 0; i < 6; i++) {
      const w = await writer.writeExchange({
        url: `http://news.example/${i}`,
        method: "GET",
        requestHeaders: {},
        status: 200,
        responseHeaders: {},
        body: Buffer.from(`${i}`.repeat(3000).replace(/./g, () => String.fromCharCode(33 + ((i * 7919) % 90)))),
        date: new Date(Date.UTC(2024, 7, 1)),
        via: "http",
      });
      files.add(w.file);
      ids.push(w.recordId);
    }
    await writer.close();
    expect(files.size).toBeGreaterThan(1);
    const writer2 = WarcWriter.open(join(scratch(), "warc"), "rot");
    const w0 = await writer2.writeExchange({
      url: "http://news.example/0",
      method: "GET",
      requestHeaders: {},
      status: 200,
      responseHeaders: {},
      body: Buffer.from("0".repeat(3000).replace(/./g, () => String.fromCharCode(33))),
      date: new Date(Date.UTC(2024, 7, 1)),
      via: "http",
    });
    await writer2.close();
    expect(w0.recordId).toBe(ids[0]);
  });
});

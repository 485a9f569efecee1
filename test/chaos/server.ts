import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, gzipSync } from "node:zlib";

/**
 * A misbehaving news site on 127.0.0.1 for crawler tests: every article page is invented here (no real text), and
 * each "chaos" path fails in one specific way (5xx, 429 with Retry-After, timeouts, truncation, redirect loops, huge
 * bodies, wrong types, legacy charsets, robots disallow, broken XML). Every request is logged for assertions.
 */

export interface LoggedRequest {
  path: string;
  userAgent: string;
  headers: Record<string, string | string[] | undefined>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface TestSite {
  origin: string;
  requests: LoggedRequest[];
  /** Replace or add a route at run time (e.g. to change an article between crawls). */
  route(path: string, handler: Handler): void;
  hits(path: string): number;
  close(): Promise<void>;
}

/** Starts a server from a route table; unknown paths answer 404. */
export async function startSite(routes: Record<string, Handler>): Promise<TestSite> {
  const table = new Map(Object.entries(routes));
  const counts = new Map<string, number>();
  const requests: LoggedRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, userAgent: String(req.headers["user-agent"] ?? ""), headers: req.headers });
    const hit = (counts.get(path) ?? 0) + 1;
    counts.set(path, hit);
    const handler = table.get(path);
    if (!handler) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    handler(req, res, hit);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    route: (path, handler) => table.set(path, handler),
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An invented article page (fictional outlet, fictional text) whose body names the study's keywords. */
export function articleHtml(slug: string, extra = ""): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Story ${slug}</title></head><body><article><h1>Story ${slug} about Venezuela</h1><p>Invented test text ${slug}: Maduro, Caracas and the CNE. ${extra}</p></article></body></html>`;
}

export function html(body: string, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", ...headers });
    res.end(body);
  };
}

export function xml(body: string, type = "application/xml"): Handler {
  return (_req, res) => {
    res.writeHead(200, { "Content-Type": `${type}; charset=utf-8` });
    res.end(body);
  };
}

export function text(body: string, status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, { "Content-Type": "text/plain" });
    res.end(body);
  };
}

/** Answers with `status` the first `failures` times, then serves `then`. */
export function failFirst(
  failures: number,
  status: number,
  then: Handler,
  headers: Record<string, string> = {},
): Handler {
  return (req, res, hit) => {
    if (hit <= failures) {
      res.writeHead(status, { "Content-Type": "text/plain", ...headers });
      res.end(`failure ${hit}`);
      return;
    }
    then(req, res, hit);
  };
}

/** Never answers (until the client gives up). */
export const hang: Handler = () => {};

export function gzipped(body: string): Handler {
  return (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip" });
    res.end(gzipSync(body));
  };
}

export function brotli(body: string): Handler {
  return (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "br" });
    res.end(brotliCompressSync(body));
  };
}

/** Declares a length, sends part of it, and drops the connection. */
export const truncated: Handler = (_req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": "5000" });
  res.write("<html><body><p>only the beginning of a page");
  setTimeout(() => res.socket?.destroy(), 20);
};

export function redirect(to: string, status = 301): Handler {
  return (_req, res) => {
    res.writeHead(status, { Location: to });
    res.end();
  };
}

/** A body of `bytes` bytes, streamed in chunks without a Content-Length. */
export function huge(bytes: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
      res.end();
    };
    res.on("error", () => {});
    pump();
  };
}

/** Sends headers and the start of the body, then trickles the rest slower than any sane timeout. */
export const slowBody: Handler = (_req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.write("<html><body>");
  const timer = setInterval(() => {
    if (!res.writableEnded && !res.destroyed) res.write(" ");
  }, 200);
  res.on("close", () => clearInterval(timer));
};

export function rss(items: Array<{ url: string; title?: string; description?: string; date?: string }>): string {
  const body = items
    .map(
      (i) =>
        `<item>${i.title ? `<title>${i.title}</title>` : ""}${i.description ? `<description>${i.description}</description>` : ""}<link>${i.url}</link>${i.date ? `<pubDate>${i.date}</pubDate>` : ""}</item>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test feed</title><link>http://example.invalid/</link><description>t</description>${body}</channel></rss>`;
}

export function urlset(entries: Array<{ url: string; lastmod?: string; title?: string; published?: string }>): string {
  const body = entries
    .map(
      (e) =>
        `<url><loc>${e.url}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}${
          e.title || e.published
            ? `<news:news><news:publication><news:name>T</news:name><news:language>en</news:language></news:publication>${e.published ? `<news:publication_date>${e.published}</news:publication_date>` : ""}${e.title ? `<news:title>${e.title}</news:title>` : ""}</news:news>`
            : ""
        }</url>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${body}</urlset>`;
}

export function sitemapIndex(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls
    .map((u) => `<sitemap><loc>${u}</loc></sitemap>`)
    .join("")}</sitemapindex>`;
}

/** Registry YAML for one local outlet (allowPrivateNetwork, since it lives on 127.0.0.1). */
export function registryYaml(
  outlets: Array<{
    id: string;
    origin: string;
    feeds?: string[];
    sitemaps?: string[];
    sections?: string[];
    extra?: string;
  }>,
): string {
  const lines = ["outlets:"];
  for (const o of outlets) {
    lines.push(
      `  - id: ${o.id}`,
      `    name: Test outlet ${o.id}`,
      `    homepage: "${o.origin}/"`,
      "    country: XX",
      "    languages: [en]",
    );
    lines.push("    kind: independent_digital", "    allowPrivateNetwork: true", "    discovery:");
    lines.push(`      feeds: [${(o.feeds ?? []).map((f) => `"${o.origin}${f}"`).join(", ")}]`);
    lines.push(`      sitemaps: [${(o.sitemaps ?? []).map((f) => `"${o.origin}${f}"`).join(", ")}]`);
    lines.push(`      sections: [${(o.sections ?? []).map((f) => `{ url: "${o.origin}${f}" }`).join(", ")}]`);
    if (o.extra) lines.push(o.extra);
  }
  return `${lines.join("\n")}\n`;
}

/** The study topic used by crawl tests (a subset of the codebook's, so tests do not depend on its edits). */
export const TEST_TOPIC = {
  keywords: ["Venezuela", "venezolan*", "Maduro", "Caracas", "CNE", "Edmundo González"],
  minDistinct: 2,
  window: { from: "2024-07-28", to: "2025-01-31" },
};

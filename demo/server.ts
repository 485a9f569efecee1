import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { InputError } from "../core/errors.ts";
import type { Registry } from "../crawlers/registry/index.ts";
import { type DemoOutletArticles, loadDemoArticles } from "./articles.ts";
import { loadTemplates } from "./web/pages.ts";
import { DEMO_DATA_DIR, DEMO_OUTLETS_FILE, demoOutletIds, materialiseRegistry } from "./web/registry.ts";
import { buildResources, lookup, notFound, type Resource } from "./web/resources.ts";
import { buildSite, type OutletSite } from "./web/site.ts";
import { SITES } from "./web/sites.ts";

/**
 * The offline demo web: each outlet of data/demo/outlets.yaml is its own host, a node:http server on its own
 * loopback address 127.0.0.(11+i), all on one port, serving data/demo/articles through the outlet's templates with
 * feeds, sitemaps, robots.txt, redirects, conditional requests and gzip. Bound to 127.0.0.x only.
 */

export const DEFAULT_ARTICLES_DIR = join(DEMO_DATA_DIR, "articles");
export const TEMPLATES_DIR = join(DEMO_DATA_DIR, "templates");
/** First loopback host number: outlet i is served on 127.0.0.(FIRST_HOST + i). */
export const FIRST_HOST = 11;
/** Attempts at finding a port free on every outlet address when the port is picked by the system. */
export const BIND_ATTEMPTS = 5;

export interface DemoWebOptions {
  /** Default 0 = pick a free port; `framewatch demo` passes 8787 so URLs are stable across runs. */
  port?: number;
  /** 2 = "later": updated articles serve their `updated` body, feeds/sitemaps show newer lastmod. */
  edition?: 1 | 2;
  /** Default data/demo/articles. */
  articlesDir?: string;
}

export interface DemoWeb {
  /** data/demo/outlets.yaml with {origin} placeholders replaced, validated with parseRegistry. */
  registry: Registry;
  /** Outlet id → "http://127.0.0.N:PORT". */
  origins: Record<string, string>;
  port: number;
  /** Every request served so far: outlet, method, path, status, user-agent — for tests of politeness and robots. */
  requests: Array<{ outletId: string; method: string; path: string; status: number; userAgent: string }>;
  /** URL of each on-topic/off-topic article page, by "<outlet>/<slug>" (for tests). */
  articleUrls: Record<string, string>;
  close(): Promise<void>;
}

interface Served {
  site: OutletSite;
  resources: Map<string, Resource>;
  notFound: Resource;
}

/** Starts the demo web; see DemoWebOptions. Resolves once every outlet's server listens. */
export async function startDemoWeb(options: DemoWebOptions = {}): Promise<DemoWeb> {
  const edition = options.edition ?? 1;
  const articlesDir = options.articlesDir ?? DEFAULT_ARTICLES_DIR;
  const ids = demoOutletIds();
  const articles = loadArticles(articlesDir, ids);
  const served: Array<Served | undefined> = [];
  const requests: DemoWeb["requests"] = [];
  const handlers = ids.map((id, i) => (req: IncomingMessage, res: ServerResponse) => {
    const entry = served[i];
    const status = entry ? respond(entry, req, res) : respondUnavailable(res);
    requests.push({
      outletId: id,
      method: req.method ?? "GET",
      path: req.url ?? "/",
      status,
      userAgent: req.headers["user-agent"] ?? "",
    });
  });
  const { servers, port } = await listenAll(handlers, options.port ?? 0);
  try {
    const origins = Object.fromEntries(ids.map((id, i) => [id, `http://127.0.0.${FIRST_HOST + i}:${port}`]));
    const registry = materialiseRegistry(origins);
    const names = new Map(registry.outlets.map((o) => [o.id, o.name]));
    const articleUrls: Record<string, string> = {};
    registry.outlets.forEach((outlet, i) => {
      const profile = SITES[outlet.id];
      if (!profile)
        throw new InputError(`outlet "${outlet.id}" has no site profile in demo/web/sites.ts`, DEMO_OUTLETS_FILE);
      const language = outlet.languages[0] ?? "en";
      const site = buildSite(
        outlet,
        profile,
        origins[outlet.id] ?? "",
        language,
        articles.get(outlet.id) ?? [],
        edition,
      );
      const templates = loadTemplates(join(TEMPLATES_DIR, outlet.id));
      const resources = buildResources(site, templates, (id) => names.get(id) ?? null);
      served[i] = { site, resources, notFound: notFound(site) };
      for (const article of site.articles) articleUrls[`${outlet.id}/${article.slug}`] = article.url;
    });
    return {
      registry,
      origins,
      port,
      requests,
      articleUrls,
      close: () => closeAll(servers),
    };
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
}

/** Reads the article files present (none is fine: outlets then serve empty feeds and listings). */
function loadArticles(dir: string, ids: string[]): Map<string, DemoOutletArticles["articles"]> {
  const byOutlet = new Map<string, DemoOutletArticles["articles"]>();
  if (!existsSync(dir)) return byOutlet;
  for (const set of loadDemoArticles(dir)) {
    if (!ids.includes(set.outlet))
      throw new InputError(`unknown outlet "${set.outlet}"`, join(dir, `${set.outlet}.yaml`));
    byOutlet.set(set.outlet, [...(byOutlet.get(set.outlet) ?? []), ...set.articles]);
  }
  return byOutlet;
}

function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers["accept-encoding"] ?? "";
  return header.split(",").some((part) => {
    const [coding = "", ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return coding.trim().toLowerCase() === "gzip" && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** Whether the client's cached copy is current: If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2). */
function notModified(resource: Resource, req: IncomingMessage): boolean {
  const inm = req.headers["if-none-match"];
  if (inm !== undefined) {
    const base = resource.etag?.slice(1, -1);
    return inm.split(",").some((tag) => {
      const t = tag.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
      return t === "*" || t === base || t === `${base}-gzip`;
    });
  }
  const ims = req.headers["if-modified-since"];
  if (ims === undefined || !resource.lastModified) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Date.parse(resource.lastModified) <= since;
}

function respond(entry: Served, req: IncomingMessage, res: ServerResponse): number {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD", "Content-Length": "0" }).end();
    return 405;
  }
  const resource = lookup(entry.resources, req.url ?? "/") ?? entry.notFound;
  const gzip = resource.gzipped !== undefined && acceptsGzip(req);
  const headers: Record<string, string> = {};
  if (resource.contentType) headers["Content-Type"] = resource.contentType;
  if (resource.location) headers.Location = resource.location;
  if (resource.etag) headers.ETag = gzip ? `${resource.etag.slice(0, -1)}-gzip"` : resource.etag;
  if (resource.lastModified) headers["Last-Modified"] = resource.lastModified;
  if (resource.gzipped) headers.Vary = "Accept-Encoding";
  if (resource.status === 200 && notModified(resource, req)) {
    delete headers["Content-Type"];
    res.writeHead(304, headers).end();
    return 304;
  }
  const body = gzip ? (resource.gzipped as Buffer) : resource.body;
  if (gzip) headers["Content-Encoding"] = "gzip";
  headers["Content-Length"] = String(body.length);
  res.writeHead(resource.status, headers);
  res.end(method === "HEAD" ? undefined : body);
  return resource.status;
}

function respondUnavailable(res: ServerResponse): number {
  res.writeHead(503, { "Retry-After": "1", "Content-Length": "0" }).end();
  return 503;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

/** Binds one server per outlet on 127.0.0.(11+i), all on the same port; with port 0 retries on a clash. */
async function listenAll(
  handlers: Array<(req: IncomingMessage, res: ServerResponse) => void>,
  requested: number,
): Promise<{ servers: Server[]; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
    const servers: Server[] = [];
    try {
      let port = requested;
      for (const [i, handler] of handlers.entries()) {
        const server = createServer(handler);
        servers.push(server);
        port = await listen(server, port, `127.0.0.${FIRST_HOST + i}`);
      }
      return { servers, port };
    } catch (error) {
      lastError = error;
      await closeAll(servers);
      const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
      if (!inUse || requested !== 0) break;
    }
  }
  throw new Error(`demo web: cannot listen on port ${requested} of 127.0.0.${FIRST_HOST}…: ${String(lastError)}`, {
    cause: lastError,
  });
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
}

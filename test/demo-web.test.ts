import { existsSync, readdirSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { XMLParser } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { CHROMIUM_FLAGS, chromiumAvailable, DEFAULT_CHROMIUM } from "../core/chromium.ts";
import { type Outlet, parseRegistry } from "../crawlers/registry/index.ts";
import { type DemoOutletArticles, loadDemoArticles } from "../demo/articles.ts";
import { type DemoWeb, startDemoWeb } from "../demo/server.ts";
import { splitParagraphs } from "../demo/web/site.ts";

// The demo web against our own tiny fixture articles (test/fixtures/demo-web/articles), plus one pass over the real
// demo articles (data/demo/articles) when they are present.

const FIXTURES = fileURLToPath(new URL("./fixtures/demo-web/articles/", import.meta.url));
const REAL_ARTICLES = fileURLToPath(new URL("../data/demo/articles/", import.meta.url));
const UA = "framewatch-test/1.0 (+demo-web.test.ts)";
const GZIP_OUTLETS = ["meridian-wire", "atlantic-broadcast", "de-dagkrant", "ventana-libre", "orbita-internacional"];
const LATIN1_OUTLETS = ["diario-del-sur", "tribuna-popular"];
const MAX_CRAWL_DELAY_S = 0.2;

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  isDisallowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
const robotsParser = createRequire(import.meta.url)("robots-parser") as (url: string, body: string) => Robot;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw GET (no automatic decompression or redirects), so tests see exactly what the server sends. */
function get(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { "user-agent": UA, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

function text(reply: Reply): string {
  const type = String(reply.headers["content-type"] ?? "");
  const latin1 =
    /8859|1252/i.test(type) || (type === "text/html" && /charset="?windows-1252/i.test(reply.body.toString("latin1")));
  return reply.body.toString(latin1 ? "latin1" : "utf8");
}

function links(html: string, base: string): string[] {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll("a[href]")].map((a) => new URL(a.getAttribute("href") ?? "", base).href);
}

function paragraphs(html: string): string[] {
  const { document } = parseHTML(html);
  return [...document.querySelectorAll("p")].map((p) => p.textContent ?? "");
}

/** The origin-independent form of a page, to compare two servers on different ports. */
function normalise(body: string): string {
  return body.replace(/http:\/\/127\.0\.0\.(\d+):\d+/g, "http://127.0.0.$1");
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function matches(outlet: Outlet, url: string): boolean {
  const included = outlet.include.length === 0 || outlet.include.some((re) => new RegExp(re).test(url));
  return included && !outlet.exclude.some((re) => new RegExp(re).test(url));
}

/** Article URLs an outlet's discovery entry points list (feeds, sitemaps incl. indexes, paginated sections). */
async function discover(outlet: Outlet): Promise<Set<string>> {
  const found = new Set<string>();
  for (const feed of outlet.discovery.feeds) {
    const doc = xml.parse(text(await get(feed)));
    for (const item of asArray(doc.rss?.channel?.item)) {
      expect(item.title && item.pubDate && item.description).toBeTruthy();
      found.add(item.link);
    }
    for (const entry of asArray(doc.feed?.entry)) {
      expect(entry.title && entry.published && entry.updated).toBeTruthy();
      found.add(entry.link["@href"]);
    }
  }
  const sitemaps = [...outlet.discovery.sitemaps];
  while (sitemaps.length > 0) {
    const doc = xml.parse(text(await get(sitemaps.shift() as string)));
    for (const child of asArray(doc.sitemapindex?.sitemap)) sitemaps.push(child.loc);
    for (const url of asArray(doc.urlset?.url)) {
      expect(url.lastmod).toBeTruthy();
      if (url["news:news"])
        expect(url["news:news"]["news:publication_date"] && url["news:news"]["news:title"]).toBeTruthy();
      found.add(url.loc);
    }
  }
  for (const section of outlet.discovery.sections) {
    const maxPages = section.pagination?.maxPages ?? 1;
    for (let n = 1; n <= maxPages; n++) {
      const url = n === 1 ? section.url : (section.pagination?.pattern.replace("{n}", String(n)) ?? "");
      const reply = await get(url);
      if (reply.status === 404) break;
      expect(reply.status).toBe(200);
      for (const link of links(text(reply), url)) if (matches(outlet, link)) found.add(link);
    }
  }
  return found;
}

describe("demo web on fixture articles", () => {
  let web: DemoWeb;
  let fixtures: DemoOutletArticles[];
  const outlet = (id: string) => web.registry.outlets.find((o) => o.id === id) as Outlet;
  const urlsOf = (id: string) =>
    Object.entries(web.articleUrls)
      .filter(([key]) => key.startsWith(`${id}/`))
      .map(([, url]) => url);
  const article = (id: string, slug: string) => {
    const found = fixtures.find((set) => set.outlet === id)?.articles.find((a) => a.slug === slug);
    if (!found) throw new Error(`no fixture ${id}/${slug}`);
    return found;
  };

  beforeAll(async () => {
    fixtures = loadDemoArticles(FIXTURES);
    web = await startDemoWeb({ articlesDir: FIXTURES });
  });
  afterAll(async () => {
    await web?.close();
  });

  it("materialises a registry that parseRegistry accepts, one loopback host per outlet", () => {
    expect(parseRegistry(stringify(web.registry), "materialised")).toEqual(web.registry);
    expect(web.registry.outlets).toHaveLength(10);
    expect(JSON.stringify(web.registry)).not.toContain("{origin}");
    web.registry.outlets.forEach((o, i) => {
      expect(web.origins[o.id]).toBe(`http://127.0.0.${11 + i}:${web.port}`);
      expect(o.homepage).toBe(`${web.origins[o.id]}/`);
      expect(o.allowPrivateNetwork).toBe(true);
      expect(o.browser).toBe(o.id === "ventana-libre");
    });
    expect(Object.keys(web.articleUrls)).toHaveLength(fixtures.reduce((n, set) => n + set.articles.length, 0));
  });

  it("include/exclude regexps accept article URLs and aliases, and reject listings and discovery documents", async () => {
    for (const o of web.registry.outlets) {
      for (const url of urlsOf(o.id)) expect(matches(o, url), url).toBe(true);
      const set = fixtures.find((s) => s.outlet === o.id);
      for (const a of set?.articles ?? []) {
        for (const alias of a.aliases) expect(matches(o, web.origins[o.id] + alias), alias).toBe(true);
      }
      const others = [o.homepage, ...o.discovery.feeds, ...o.discovery.sitemaps, `${web.origins[o.id]}/robots.txt`];
      for (const s of o.discovery.sections) others.push(s.url, s.pagination?.pattern.replace("{n}", "2") ?? s.url);
      for (const url of others) expect(matches(o, url), url).toBe(false);
    }
  });

  it("serves a robots.txt per outlet that allows articles, disallows a linked article-like URL and keeps delays short", async () => {
    for (const o of web.registry.outlets) {
      const reply = await get(`${web.origins[o.id]}/robots.txt`);
      expect(reply.status).toBe(200);
      expect(reply.headers["content-type"]).toBe("text/plain; charset=utf-8");
      const robots = robotsParser(`${web.origins[o.id]}/robots.txt`, text(reply));
      for (const url of urlsOf(o.id)) expect(robots.isAllowed(url, UA), url).toBe(true);
      expect(robots.isDisallowed(o.homepage, "BadScraperBot")).toBe(true);
      expect(robots.getCrawlDelay(UA) ?? 0).toBeLessThanOrEqual(MAX_CRAWL_DELAY_S);
      const home = await get(o.homepage);
      const trapped = links(text(home), o.homepage).filter((u) => robots.isDisallowed(u, UA) && matches(o, u));
      expect(trapped.length, o.id).toBeGreaterThan(0);
    }
  });

  it("lists every article (on- and off-topic) in each outlet's feeds, sitemaps or section pages", async () => {
    for (const o of web.registry.outlets) {
      const found = await discover(o);
      for (const url of urlsOf(o.id)) expect(found.has(url), `${o.id}: ${url}`).toBe(true);
    }
  });

  it("paginates listings by five with next links and answers 404 past the last page", async () => {
    const news = `${web.origins["atlantic-broadcast"]}/news`;
    const main = new Set(urlsOf("atlantic-broadcast"));
    const page1 = text(await get(news));
    const page2 = text(await get(`${news}?page=2`));
    expect(new Set(links(page1, news).filter((u) => main.has(u))).size).toBe(5);
    expect(new Set(links(page2, news).filter((u) => main.has(u))).size).toBe(2);
    expect(links(page1, news)).toContain(`${news}?page=2`);
    expect((await get(`${news}?page=3`)).status).toBe(404);
    const tribuna = outlet("tribuna-popular").discovery.sections[0];
    expect(tribuna?.pagination?.pattern).toBe(`${web.origins["tribuna-popular"]}/ultimas/page/{n}/`);
    expect((await get(`${web.origins["tribuna-popular"]}/ultimas/page/2/`)).status).toBe(200);
    expect((await get(`${web.origins["tribuna-popular"]}/ultimas/page/3/`)).status).toBe(404);
  });

  it("serves charsets as declared: ISO-8859-1 in the header, windows-1252 only in <meta>, UTF-8 elsewhere", async () => {
    for (const o of web.registry.outlets) {
      const [key, url] = Object.entries(web.articleUrls).find(([k]) => k.startsWith(`${o.id}/`)) as [string, string];
      const reply = await get(url);
      const type = reply.headers["content-type"];
      const raw = reply.body.toString("latin1");
      if (o.id === "diario-del-sur") {
        expect(type).toBe("text/html; charset=ISO-8859-1");
        expect(raw).not.toMatch(/<meta[^>]+charset/i);
      } else if (o.id === "tribuna-popular") {
        expect(type).toBe("text/html");
        expect(raw).toContain('<meta charset="windows-1252">');
      } else {
        expect(type).toBe("text/html; charset=utf-8");
        expect(raw).toMatch(/<meta charset="utf-8">/i);
      }
      const html = text(reply);
      if (LATIN1_OUTLETS.includes(o.id)) {
        // Latin-1 letters are single bytes; characters outside Latin-1 (the em dash) are numeric references.
        expect(reply.body.includes(Buffer.from("ó", "utf8")) || reply.body.includes(Buffer.from("ã", "utf8"))).toBe(
          false,
        );
        expect(reply.body.includes(Buffer.from([0xfa])) || reply.body.includes(Buffer.from([0xe3]))).toBe(true);
        expect(html).toContain("&#8212;");
      }
      const expected = article(o.id, key.split("/")[1] as string);
      if (o.id !== "ventana-libre") {
        const ps = paragraphs(html);
        for (const p of splitParagraphs(expected.body)) expect(ps, `${o.id}: ${p}`).toContain(p);
      }
      expect(html).toContain(`<link rel="canonical" href="${url}">`);
    }
  });

  it("sets <html lang> per outlet, wrong on voz-bolivariana and missing on tribuna-popular", async () => {
    const langOf = async (id: string) => /<html([^>]*)>/.exec(text(await get(`${web.origins[id]}/`)))?.[1] ?? "";
    expect(await langOf("voz-bolivariana")).toBe(' lang="en"');
    expect(await langOf("tribuna-popular")).toBe("");
    expect(await langOf("de-dagkrant")).toBe(' lang="nl-NL"');
    expect(await langOf("correio-do-planalto")).toBe(' lang="pt-BR"');
  });

  it("revalidates with 304 on If-None-Match and If-Modified-Since, and gzips for the outlets that compress", async () => {
    for (const o of web.registry.outlets) {
      const url = urlsOf(o.id)[0] as string;
      const first = await get(url);
      const etag = String(first.headers.etag);
      const lastModified = String(first.headers["last-modified"]);
      expect(etag).toMatch(/^"[0-9a-f]+"$/);
      const byTag = await get(url, { "if-none-match": etag });
      expect(byTag.status).toBe(304);
      expect(byTag.body.length).toBe(0);
      expect((await get(url, { "if-modified-since": lastModified })).status).toBe(304);
      expect((await get(url, { "if-modified-since": "Mon, 01 Jan 2024 00:00:00 GMT" })).status).toBe(200);
      expect((await get(url, { "if-none-match": '"stale"', "if-modified-since": lastModified })).status).toBe(200);
      const zipped = await get(url, { "accept-encoding": "gzip, deflate" });
      if (GZIP_OUTLETS.includes(o.id)) {
        expect(zipped.headers["content-encoding"]).toBe("gzip");
        expect(zipped.headers.vary).toBe("Accept-Encoding");
        expect(gunzipSync(zipped.body).equals(first.body)).toBe(true);
        expect(
          (await get(url, { "accept-encoding": "gzip", "if-none-match": String(zipped.headers.etag) })).status,
        ).toBe(304);
      } else {
        expect(zipped.headers["content-encoding"]).toBeUndefined();
        expect(zipped.body.equals(first.body)).toBe(true);
      }
    }
  });

  it("serves the same bytes for the same request (no clock in pages or headers)", async () => {
    const url = urlsOf("meridian-wire")[0] as string;
    const [a, b] = [await get(url), await get(url)];
    expect(a.body.equals(b.body)).toBe(true);
    const { date: _a, ...headersA } = a.headers;
    const { date: _b, ...headersB } = b.headers;
    expect(headersA).toEqual(headersB);
  });

  it("redirects old URLs, serves aliases with a canonical link, a PDF and a 404 from the listings' links", async () => {
    for (const o of web.registry.outlets) {
      const home = text(await get(o.homepage));
      const robots = robotsParser(
        `${web.origins[o.id]}/robots.txt`,
        text(await get(`${web.origins[o.id]}/robots.txt`)),
      );
      const statuses: Array<{ url: string; reply: Reply }> = [];
      for (const url of new Set(links(home, o.homepage))) {
        if (!url.startsWith(web.origins[o.id] as string) || robots.isDisallowed(url, UA)) continue;
        statuses.push({ url, reply: await get(url) });
      }
      const main = new Set(urlsOf(o.id));
      const redirect = statuses.find((s) => s.reply.status === 301);
      expect(redirect && main.has(String(redirect.reply.headers.location)), o.id).toBe(true);
      expect(
        statuses.some((s) => s.reply.headers["content-type"] === "application/pdf"),
        o.id,
      ).toBe(true);
      expect(
        statuses.some((s) => s.reply.status === 404),
        o.id,
      ).toBe(true);
    }
    const alias = `${web.origins["atlantic-broadcast"]}/amp/fixture-atlantic-story-2`;
    const reply = await get(alias);
    expect(reply.status).toBe(200);
    expect(text(reply)).toContain(
      `<link rel="canonical" href="${web.articleUrls["atlantic-broadcast/fixture-atlantic-story-2"]}">`,
    );
    expect(text(await get(web.articleUrls["orbita-internacional/fixture-orbita-story-2"] as string))).toContain(
      "Fuente: Meridian Wire",
    );
  });

  it("answers HEAD without a body, refuses POST, and logs every request with its user agent", async () => {
    const url = urlsOf("de-dagkrant")[0] as string;
    const head = await get(url, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await get(url, {}, "POST")).status).toBe(405);
    const path = new URL(url).pathname;
    const logged = web.requests.filter((r) => r.outletId === "de-dagkrant" && r.path === path);
    expect(logged.map((r) => r.method)).toEqual(expect.arrayContaining(["HEAD", "POST", "GET"]));
    expect(logged.every((r) => r.userAgent === UA)).toBe(true);
    expect(logged.find((r) => r.method === "POST")?.status).toBe(405);
  });

  it("renders the ventana-libre article only through its script: no body text in the HTML, all of it in the JSON", async () => {
    for (const url of urlsOf("ventana-libre")) {
      const slug = url.split("/").pop() as string;
      const expected = article("ventana-libre", slug);
      const html = text(await get(url));
      for (const p of splitParagraphs(expected.body)) expect(html).not.toContain(p.slice(0, 40));
      expect(html).not.toContain(expected.title);
      expect(html).not.toContain("application/ld+json");
      expect(html).toContain('<script src="/static/app.js" defer></script>');
      const api = await get(`${web.origins["ventana-libre"]}/api/articles/${slug}.json`);
      expect(api.headers["content-type"]).toBe("application/json; charset=utf-8");
      const json = JSON.parse(text(api)) as { title: string; paragraphs: string[] };
      expect(json.title).toBe(expected.title);
      expect(json.paragraphs).toEqual(splitParagraphs(expected.body));
    }
    const script = await get(`${web.origins["ventana-libre"]}/static/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
  });

  it.skipIf(!chromiumAvailable())(
    "renders the ventana-libre article in chromium (apt-get install -y chromium enables this test)",
    async () => {
      const { chromium } = await import("playwright-core");
      const browser = await chromium.launch({
        executablePath: DEFAULT_CHROMIUM,
        args: CHROMIUM_FLAGS,
      });
      try {
        const page = await browser.newPage();
        const url = web.articleUrls["ventana-libre/fixture-ventana-story-1"] as string;
        await page.goto(url);
        await page.waitForSelector("#app[data-rendered]");
        const expected = article("ventana-libre", "fixture-ventana-story-1");
        expect(await page.textContent("h1")).toBe(expected.title);
        expect(await page.$$eval(".vl-cuerpo p", (ps) => ps.map((p) => p.textContent))).toEqual(
          splitParagraphs(expected.body),
        );
        expect(await page.getAttribute("time", "datetime")).toBe(expected.published);
      } finally {
        await browser.close();
      }
    },
  );

  describe("edition 2", () => {
    let later: DemoWeb;
    beforeAll(async () => {
      later = await startDemoWeb({ articlesDir: FIXTURES, edition: 2 });
    });
    afterAll(async () => {
      await later?.close();
    });

    it("changes the updated articles only, with the new body, modified date and Last-Modified", async () => {
      for (const set of fixtures) {
        for (const a of set.articles) {
          const key = `${set.outlet}/${a.slug}`;
          const path =
            set.outlet === "ventana-libre"
              ? `/api/articles/${a.slug}.json`
              : new URL(web.articleUrls[key] as string).pathname;
          const before = await get(web.origins[set.outlet] + path);
          const after = await get(later.origins[set.outlet] + path);
          const [b, c] = [normalise(text(before)), normalise(text(after))];
          if (!a.updated) {
            expect(c, key).toBe(b);
            continue;
          }
          expect(c, key).not.toBe(b);
          const newLast = splitParagraphs(a.updated.body).at(-1) as string;
          const oldLast = splitParagraphs(a.body).at(-1) as string;
          if (set.outlet === "ventana-libre") {
            expect((JSON.parse(c) as { paragraphs: string[] }).paragraphs).toEqual(splitParagraphs(a.updated.body));
          } else {
            expect(paragraphs(c)).toContain(newLast);
            expect(paragraphs(c)).not.toContain(oldLast);
          }
          expect(after.headers["last-modified"]).toBe(new Date(a.updated.modified).toUTCString());
        }
      }
      const page = text(await get(later.articleUrls["meridian-wire/fixture-council-meets"] as string));
      expect(page).toContain('"dateModified": "2024-08-04T10:00:00Z"');
    });

    it("shows the newer lastmod in feeds and sitemaps", async () => {
      const sitemap = (w: DemoWeb) => get(`${w.origins["meridian-wire"]}/sitemaps/news.xml`).then(text);
      const lastmodOf = (doc: string, url: string) =>
        asArray(xml.parse(doc).urlset.url).find((u: { loc: string }) => u.loc === url)?.lastmod;
      expect(lastmodOf(await sitemap(web), web.articleUrls["meridian-wire/fixture-council-meets"] as string)).toBe(
        "2024-08-03T09:15:00Z",
      );
      expect(lastmodOf(await sitemap(later), later.articleUrls["meridian-wire/fixture-council-meets"] as string)).toBe(
        "2024-08-04T10:00:00Z",
      );
      const atom = xml.parse(text(await get(`${later.origins["atlantic-broadcast"]}/feeds/all.atom`)));
      const entry = asArray(atom.feed.entry).find(
        (e: { link: { "@href": string } }) =>
          e.link["@href"] === later.articleUrls["atlantic-broadcast/fixture-atlantic-story-1"],
      );
      expect(entry.updated).toBe("2024-07-21T03:00:00Z");
      expect(entry.published).toBe("2024-07-20T12:30:00Z");
    });
  });
});

const realFiles = existsSync(REAL_ARTICLES) ? readdirSync(REAL_ARTICLES).filter((f) => f.endsWith(".yaml")) : [];

describe.skipIf(realFiles.length === 0)("demo web on the real demo articles (data/demo/articles)", () => {
  it("loads every article file and serves every article, alias and body paragraph", async () => {
    const sets = loadDemoArticles(REAL_ARTICLES);
    const web = await startDemoWeb();
    try {
      for (const set of sets) {
        const o = web.registry.outlets.find((x) => x.id === set.outlet) as Outlet;
        for (const a of set.articles) {
          const url = web.articleUrls[`${set.outlet}/${a.slug}`] as string;
          expect(matches(o, url), url).toBe(true);
          const reply = await get(url);
          expect(reply.status, url).toBe(200);
          const got =
            set.outlet === "ventana-libre"
              ? (
                  JSON.parse(text(await get(`${web.origins[set.outlet]}/api/articles/${a.slug}.json`))) as {
                    paragraphs: string[];
                  }
                ).paragraphs
              : paragraphs(text(reply));
          for (const p of splitParagraphs(a.body)) expect(got, `${url}: ${p.slice(0, 60)}`).toContain(p);
          for (const alias of a.aliases) {
            expect(matches(o, web.origins[set.outlet] + alias), alias).toBe(true);
            expect(text(await get(web.origins[set.outlet] + alias))).toContain(`<link rel="canonical" href="${url}">`);
          }
        }
      }
    } finally {
      await web.close();
    }
  });
});

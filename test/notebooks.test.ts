import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_FLAGS, DEFAULT_CHROMIUM } from "../core/chromium.ts";
import { workspace } from "../core/workspace.ts";
import { loadRegistry } from "../crawlers/registry/index.ts";
import { buildNotebooks } from "../notebooks/build.ts";
import { runExport } from "../pipeline/load/export.ts";
import { runLoad } from "../pipeline/load/index.ts";
import { FIXTURE_CODEBOOK } from "./fixtures/load/codebook.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/load/small/", import.meta.url));
const CHROMIUM = DEFAULT_CHROMIUM;
const PAGES = ["index", "frames-over-time", "recognition", "figures"];
const scratch = mkdtempSync(join(tmpdir(), "framewatch-notebooks-"));
const out = join(scratch, "site");
let server: Server | undefined;

beforeAll(async () => {
  const ws = workspace({ workdir: join(scratch, "ws") });
  cpSync(FIXTURE, ws.root, { recursive: true, filter: (src) => !src.includes("expected") });
  await runLoad(ws, { registry: loadRegistry(join(ws.root, "registry.yaml")), codebook: FIXTURE_CODEBOOK });
  await runExport(ws.dbPath, { format: "parquet", out: join(scratch, "export") });
  buildNotebooks({ exportDir: join(scratch, "export"), outDir: out });
}, 600_000);
afterAll(() => {
  server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function dataFile(name: string): Record<string, Array<Record<string, unknown>>> {
  const dir = join(out, "_file", "data");
  const file = readdirSync(dir).find((f) => f.startsWith(`${name}.`) && f.endsWith(".json"));
  if (!file) throw new Error(`no data file ${name} in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), "utf8"));
}

describe("notebooks", () => {
  it("build every page from the Parquet export, with real query results", () => {
    for (const page of PAGES) expect(existsSync(join(out, `${page}.html`)), page).toBe(true);
    const frames = dataFile("frames");
    const stateMedia = frames.weekly?.filter((r) => r.outlet_group === "Latin America · state_media" && r.n_present);
    expect(stateMedia?.map((r) => [r.week, r.frame, r.share]).sort()).toEqual([
      ["2024-07-29", "coup_framing", 1],
      ["2024-07-29", "foreign_interference", 1],
    ]);
    const recognition = dataFile("recognition");
    expect(recognition.matrix?.map((r) => r.actor_name).sort()).toEqual([
      "Brazil",
      "Organization of American States",
      "United States",
    ]);
    const figures = dataFile("figures");
    expect(figures.figures?.map((r) => [r.outlet_name, r.kind, r.number])).toEqual([
      ["Canal Estado", "arrests", 12],
      ["Wire One", "arrests", 2000],
      ["Dagblad", "result_cne", 51.2],
    ]);
  });

  it("take their titles from their first heading (no front matter, which the formatter would mangle)", () => {
    const titles: Record<string, string> = {
      index: "framewatch notebooks",
      "frames-over-time": "Frames by outlet group over time",
      recognition: "Recognition statements by country and by reporting outlet",
      figures: "Figures reported per outlet",
    };
    for (const page of PAGES) {
      const html = readFileSync(join(out, `${page}.html`), "utf8");
      expect(html, page).toContain(`<h1 id=`);
      expect(html.match(/<h1[^>]*>(?:<a[^>]*>)?([^<]*)/)?.[1]?.trim(), page).toBe(titles[page]);
      expect(html, page).not.toContain(`id="title-`);
    }
  });

  it("refuse to build into a folder that holds something else", () => {
    const foreign = join(scratch, "not-a-build");
    cpSync(FIXTURE, foreign, { recursive: true });
    expect(() => buildNotebooks({ exportDir: join(scratch, "export"), outDir: foreign })).toThrow(
      /not a notebooks build/,
    );
    expect(existsSync(join(foreign, "registry.yaml"))).toBe(true);
  });

  it("reference nothing outside the site (no CDN scripts, styles or fonts)", () => {
    for (const page of PAGES) {
      const html = readFileSync(join(out, `${page}.html`), "utf8");
      expect(html.match(/<(script|link)[^>]+(src|href)="https?:\/\/[^"]*"/g) ?? [], page).toEqual([]);
    }
  });

  it.skipIf(!existsSync(CHROMIUM))(
    "open in a browser with no network and draw their charts",
    { timeout: 180_000 },
    async () => {
      server = createServer((req, res) => {
        const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0] as string)).replace(
          /^(\.\.[/\\])+/,
          "",
        );
        let file = join(out, path);
        if (!extname(file)) file = path === "/" ? join(out, "index.html") : `${file}.html`;
        if (!existsSync(file)) {
          res.writeHead(404).end();
          return;
        }
        const types: Record<string, string> = {
          ".html": "text/html",
          ".js": "text/javascript",
          ".css": "text/css",
          ".json": "application/json",
        };
        res
          .writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" })
          .end(readFileSync(file));
      });
      await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: CHROMIUM_FLAGS,
      });
      try {
        const page = await browser.newPage();
        const outside: string[] = [];
        const errors: string[] = [];
        await page.route("**/*", (route) => {
          if (route.request().url().startsWith(base)) return route.continue();
          outside.push(route.request().url());
          return route.abort();
        });
        page.on("pageerror", (e) => errors.push(e.message));
        const expectedCharts: Record<string, number> = { index: 1, "frames-over-time": 2, recognition: 2, figures: 2 };
        for (const name of PAGES) {
          await page.goto(`${base}/${name}`);
          await page.waitForFunction(
            (n) => document.querySelectorAll("figure svg, svg.plot-d6a7b5, main svg[class^='plot']").length >= n,
            expectedCharts[name] ?? 1,
            { timeout: 60_000 },
          );
          const errorCells = await page.locator(".observablehq--error").count();
          expect(errorCells, `${name}: cells in error`).toBe(0);
        }
        expect(errors).toEqual([]);
        expect(outside).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});

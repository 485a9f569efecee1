import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLedger } from "../core/ledger.ts";
import type { Capture, RunRecord } from "../core/records.ts";
import { readWarcResponse } from "../crawlers/archive/index.ts";
import { articleHtml, registryYaml, startSite, type TestSite, text, urlset, xml } from "./chaos/server.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const ARTICLES = 30;
/** Each article answers after this delay, so a kill lands mid-crawl. */
const ARTICLE_DELAY_MS = 120;

/** The full CLI when every command module it imports exists, else the crawl command alone (same code path). */
function cliEntry(): string[] {
  const main = readFileSync(join(REPO, "cli/main.ts"), "utf8");
  const imports = [...main.matchAll(/from "\.\/commands\/([\w-]+)\.ts"/g)].map((m) =>
    join(REPO, "cli/commands", `${m[1]}.ts`),
  );
  return imports.every((p) => existsSync(p)) ? ["bin/framewatch.mjs"] : ["test/chaos/crawl-cli.mjs"];
}

let site: TestSite;
let root: string;
let registryPath: string;

async function captures(): Promise<Capture[]> {
  const out: Capture[] = [];
  for await (const { record } of readLedger<Capture>(join(root, "captures.jsonl"))) out.push(record);
  return out;
}

function startCrawl(): ChildProcess {
  return spawn(
    process.execPath,
    [...cliEntry(), "crawl", "--workdir", root, "--registry", registryPath, "--no-browser"],
    {
      cwd: REPO,
      env: { ...process.env, DOTENV_CONFIG_QUIET: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

async function killAfter(articles: number): Promise<void> {
  const child = startCrawl();
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  for (;;) {
    const n = (await captures()).filter((c) => c.role === "article").length;
    if (n >= articles) break;
    if (child.exitCode !== null) throw new Error(`crawl ended before it could be killed (exit ${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill("SIGKILL");
  await exited;
}

async function runToEnd(): Promise<string> {
  const child = startCrawl();
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  if (code !== 0) throw new Error(`crawl exited with ${code}: ${out}`);
  return out;
}

beforeAll(async () => {
  site = await startSite({});
  const o = site.origin;
  site.route("/robots.txt", text("User-agent: *\nAllow: /\n"));
  const slugs = Array.from({ length: ARTICLES }, (_, i) => `story-${i + 1}`);
  site.route("/sitemap.xml", xml(urlset(slugs.map((s) => ({ url: `${o}/a/${s}` })))));
  for (const slug of slugs) {
    site.route(`/a/${slug}`, (_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        res.end(articleHtml(slug));
      }, ARTICLE_DELAY_MS);
    });
  }
  root = mkdtempSync(join(tmpdir(), "fw-resume-"));
  registryPath = join(root, "registry.yaml");
  writeFileSync(
    registryPath,
    registryYaml([
      {
        id: "resume",
        origin: o,
        sitemaps: ["/sitemap.xml"],
        extra: "    politeness: { maxConcurrency: 2, minDelayMs: 0 }",
      },
    ]),
  );
});

afterAll(async () => {
  await site?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe("kill and resume", () => {
  it("finishes after SIGKILLs with every article captured exactly once", async () => {
    await killAfter(4);
    await killAfter(14);
    const out = await runToEnd();
    expect(out).toMatch(/resumed crawl-/);
    const all = await captures();
    const ok = all.filter((c) => c.role === "article" && c.status === 200 && c.error === null);
    const urls = ok.map((c) => c.url).sort();
    const expected = Array.from({ length: ARTICLES }, (_, i) => `${site.origin}/a/story-${i + 1}`).sort();
    expect(urls).toEqual(expected);
    for (const c of ok) {
      const r = await readWarcResponse(join(root, c.warcFile ?? ""), c.warcOffset ?? -1);
      expect(r.body.toString()).toBe(articleHtml(c.url.replace(/^.*\/a\//, "")));
    }
    const runs = new Map<string, RunRecord>();
    for await (const { record } of readLedger<RunRecord>(join(root, "runs.jsonl"))) runs.set(record.runId, record);
    expect([...runs.values()].map((r) => r.status)).toEqual(["interrupted", "interrupted", "ok"]);
    // A fourth run over the unchanged site fetches no article at all.
    const before = site.requests.length;
    await runToEnd();
    expect(site.requests.slice(before).filter((r) => r.path.startsWith("/a/"))).toEqual([]);
  }, 180_000);
});

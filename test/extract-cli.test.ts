import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerExtract } from "../cli/commands/extract.ts";

/** The `framewatch extract --html` contract: one JSON line per file, fixed keys, null where unknown. */

const dir = mkdtempSync(join(tmpdir(), "framewatch-extract-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PARAS = [
  "Volunteers planted four hundred young oaks along the old railway path on Sunday, finishing a project started in spring.",
  "The town council paid for the saplings and a local school will water them through the first dry summer.",
];
const page = `<!DOCTYPE html><html lang="en"><head><title>Oaks planted | Valley Times</title>
<link rel="canonical" href="https://valley.example/news/oaks"><meta property="article:published_time" content="2024-09-01T10:00:00+01:00">
<meta name="author" content="Ann Hale"></head><body><article><h1>Oaks planted</h1>${PARAS.map((p) => `<p>${p}</p>`).join("")}</article></body></html>`;

async function run(args: string[]): Promise<void> {
  const program = new Command("framewatch").exitOverride();
  registerExtract(program);
  await program.parseAsync(["node", "framewatch", ...args]);
}

describe("framewatch extract --html", () => {
  it("writes one line per file (plain, gzipped, from folders) with the contract's keys", async () => {
    const pages = join(dir, "pages");
    mkdirSync(pages);
    writeFileSync(join(pages, "oaks.html"), page);
    writeFileSync(join(pages, "oaks-copy.html.gz"), gzipSync(page));
    writeFileSync(join(dir, "empty.html"), "<html><body><nav>Home</nav></body></html>");
    const output = join(dir, "out.jsonl");
    await run(["extract", "--html", pages, join(dir, "empty.html"), "--output", output]);
    const lines = readFileSync(output, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const oaks = {
      text: PARAS.join("\n\n"),
      title: "Oaks planted",
      authors: ["Ann Hale"],
      published: "2024-09-01T10:00:00+01:00",
      language: "en",
      canonical: "https://valley.example/news/oaks",
    };
    expect(lines).toEqual([
      // Files of a folder in name order ("oaks-copy.html.gz" sorts before "oaks.html").
      { id: "oaks-copy", ...oaks },
      { id: "oaks", ...oaks },
      { id: "empty", text: null, title: null, authors: null, published: null, language: null, canonical: null },
    ]);
  });
});

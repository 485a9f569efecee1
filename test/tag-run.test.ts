import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Article, TaggedArticle } from "../core/records.ts";
import { ensureWorkspace, workspace } from "../core/workspace.ts";
import { DEFAULT_CODEBOOK } from "../pipeline/codebook/index.ts";
import { runTag } from "../pipeline/tag/run.ts";

/** The tag stage over a workspace: tags new article versions only, keyed by versionId, and stays incremental. */

const root = mkdtempSync(join(tmpdir(), "framewatch-tag-run-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function article(versionId: string, text: string, language: string | null): Article {
  return {
    id: `a-${versionId}`,
    versionId,
    captureId: `c-${versionId}`,
    outletId: "example",
    url: `https://example.org/${versionId}`,
    fetchedUrl: `https://example.org/${versionId}`,
    fetchedAt: "2024-07-30T10:00:00Z",
    title: null,
    authors: [],
    publishedAt: "2024-07-30",
    modifiedAt: null,
    language,
    text,
    textSha256: "0",
    siteName: null,
    section: null,
    leadImage: null,
    topicMatches: [],
    duplicateOf: null,
    provenance: {},
  };
}

describe("runTag", () => {
  const ws = workspace({ workdir: root });
  ensureWorkspace(ws);

  it("tags each article version once", async () => {
    writeFileSync(
      ws.articlesLedger,
      `${JSON.stringify(article("v1", "The opposition said the election was rigged.", "en"))}\n${JSON.stringify(article("v2", "El gobierno denunció un golpe de Estado.", null))}\n`,
    );
    expect(await runTag(ws, { codebookPath: DEFAULT_CODEBOOK })).toEqual({ tagged: 2, skipped: 0, failed: 0 });
    const tags = readFileSync(ws.tagsLedger, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as TaggedArticle);
    expect(tags.map((t) => [t.id, t.language, t.frames])).toEqual([
      ["v1", "en", { fraud_narrative: "reported" }],
      ["v2", "es", { coup_framing: "reported" }],
    ]);
    expect(await runTag(ws, { codebookPath: DEFAULT_CODEBOOK })).toEqual({ tagged: 0, skipped: 2, failed: 0 });
    appendFileSync(
      ws.articlesLedger,
      `${JSON.stringify(article("v3", "Volgens de regering was het een staatsgreep.", "nl"))}\n`,
    );
    expect(await runTag(ws, { codebookPath: DEFAULT_CODEBOOK })).toEqual({ tagged: 1, skipped: 2, failed: 0 });
    expect(readFileSync(ws.tagsLedger, "utf8").trim().split("\n")).toHaveLength(3);
  });
});

import { join } from "node:path";
import { type Progress, silentProgress } from "../../core/progress.ts";
import type { LoadedCodebook } from "../codebook/index.ts";
import { openDatabase } from "../load/db.ts";
import { ARTICLES_JS, STYLE_CSS } from "./assets.ts";
import { articleBatches, DEFAULT_ARTICLE_BATCH, loadReportData } from "./data.ts";
import { articlePage } from "./pages/article.ts";
import {
  type ArticleIndexEntry,
  articlesPage,
  INDEX_SCRIPT,
  indexEntry,
  indexScript,
  LIST_SCRIPT,
} from "./pages/articles.ts";
import { claimsPage } from "./pages/claims.ts";
import { framesPage } from "./pages/frames.ts";
import { outletPage, outletsIndexPage } from "./pages/outlets.ts";
import { overviewPage } from "./pages/overview.ts";
import { recognitionEvidencePage, recognitionPage } from "./pages/recognition.ts";
import { sourcesPage } from "./pages/sources.ts";
import { siteContext } from "./site.ts";
import { studyInfo } from "./study.ts";
import type { ArticleDetail, ReportData, StudyInfo } from "./types.ts";
import { SiteWriter } from "./write.ts";

export { articleBatches, loadReportData } from "./data.ts";
export { studyInfo } from "./study.ts";
export type { ArticleDetail, ReportData, StudyInfo } from "./types.ts";

export interface BuildReportOptions {
  dbPath: string;
  outDir: string;
  codebook: LoadedCodebook;
  progress?: Progress;
  /** How long to wait for another process's database lock (ms). */
  waitMs?: number;
}

export interface BuildReportResult {
  /** HTML pages written. */
  pages: number;
  outDir: string;
  /** Absolute path of the overview page (open it in a browser, also from file://). */
  index: string;
}

/**
 * Builds the static report from the database (opened read-only): overview, frames, recognition, sources, claims,
 * outlet and article pages with Plot charts rendered to SVG at build time. The site works from file:// and any
 * static server; it is written to a staging folder and swapped into `outDir` when complete.
 */
export async function buildReport(options: BuildReportOptions): Promise<BuildReportResult> {
  const db = await openDatabase(options.dbPath, { readOnly: true, waitMs: options.waitMs });
  try {
    const data = await loadReportData(db);
    return await buildSite({
      data,
      study: studyInfo(options.codebook),
      articles: articleBatches(db, DEFAULT_ARTICLE_BATCH),
      outDir: options.outDir,
      progress: options.progress,
    });
  } finally {
    db.close();
  }
}

export interface BuildSiteOptions {
  data: ReportData;
  study: StudyInfo;
  /** Articles with text and tags, in batches (streamed from the database, or a fixture). */
  articles: AsyncIterable<ArticleDetail[]> | Iterable<ArticleDetail[]>;
  outDir: string;
  progress?: Progress;
}

/** Writes the whole site from report data and an article stream (no database: the seam the tests use). */
export async function buildSite(options: BuildSiteOptions): Promise<BuildReportResult> {
  const progress = options.progress ?? silentProgress;
  const { data, study } = options;
  const ctx = siteContext(data, study);
  const writer = await SiteWriter.create(options.outDir);
  let pages = 0;
  try {
    progress.start("report", data.totals.nArticles);
    const entries: ArticleIndexEntry[] = [];
    for await (const batch of options.articles) {
      const built = batch.map((a) => articlePage(a, ctx));
      await writer.writeAll(built.map((p) => ({ path: p.path, content: p.html })));
      for (const a of batch) entries.push(indexEntry(a));
      pages += built.length;
      progress.tick(batch.length);
    }
    const byOutlet = new Map<string, ArticleIndexEntry[]>();
    for (const e of entries) {
      const list = byOutlet.get(e.outletId);
      if (list) list.push(e);
      else byOutlet.set(e.outletId, [e]);
    }
    const sitePages = [
      overviewPage(data, ctx),
      framesPage(data, ctx),
      recognitionPage(data, ctx),
      recognitionEvidencePage(data, ctx),
      sourcesPage(data, ctx),
      claimsPage(data, ctx),
      outletsIndexPage(data, ctx),
      ...data.outlets.map((o) => outletPage(o, data, ctx, byOutlet.get(o.outletId) ?? [])),
      articlesPage(entries, ctx),
    ];
    await writer.writeAll(sitePages.map((p) => ({ path: p.path, content: p.html })));
    pages += sitePages.length;
    await writer.writeAll([
      ...ctx.files,
      { path: "assets/style.css", content: STYLE_CSS },
      { path: LIST_SCRIPT, content: ARTICLES_JS },
      { path: INDEX_SCRIPT, content: indexScript(entries, ctx) },
    ]);
    await writer.commit();
    progress.end(`${pages} pages in ${options.outDir}`);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return { pages, outDir: options.outDir, index: join(options.outDir, "index.html") };
}

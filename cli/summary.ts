import { openDatabase } from "../pipeline/load/db.ts";

interface FrameCountRow {
  outlet_id: string;
  frame: string | null;
  n: number;
}

/**
 * A one-screen table of what the database holds: per outlet, the number of articles and how many of them carry each
 * codebook frame; then totals of recognitions, sources and claims. Read-only, so it never blocks a writer for long.
 */
export async function summariseDatabase(
  dbPath: string,
  frames: Array<{ id: string; label: string }>,
): Promise<string[]> {
  const db = await openDatabase(dbPath, { readOnly: true });
  try {
    const [totals] = await db.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM article_versions) AS versions,
              (SELECT count(*) FROM recognitions r JOIN articles a ON a.latest_version_id = r.version_id) AS recognitions,
              (SELECT count(*) FROM sources s JOIN articles a ON a.latest_version_id = s.version_id) AS sources,
              (SELECT count(*) FROM claims c JOIN articles a ON a.latest_version_id = c.version_id) AS claims`,
    );
    const rows = await db.query<FrameCountRow>(
      `SELECT a.outlet_id, NULL AS frame, count(*) AS n FROM articles a GROUP BY a.outlet_id
       UNION ALL
       SELECT a.outlet_id, f.frame, count(*) AS n
         FROM articles a JOIN article_frames f ON f.version_id = a.latest_version_id
        GROUP BY a.outlet_id, f.frame`,
    );
    const byOutlet = new Map<string, Map<string | null, number>>();
    for (const row of rows) {
      const counts = byOutlet.get(row.outlet_id) ?? new Map<string | null, number>();
      counts.set(row.frame, Number(row.n));
      byOutlet.set(row.outlet_id, counts);
    }
    const headers = ["outlet", "articles", ...frames.map((f) => f.label)];
    const table = [...byOutlet.keys()].sort().map((outlet) => {
      const counts = byOutlet.get(outlet);
      return [outlet, String(counts?.get(null) ?? 0), ...frames.map((f) => String(counts?.get(f.id) ?? 0))];
    });
    const widths = headers.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? "").length)));
    const format = (cells: string[]) =>
      `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ")}`;
    return [
      `database: ${totals?.articles ?? 0} articles (${totals?.versions ?? 0} versions), ${totals?.recognitions ?? 0} recognition statements, ${totals?.sources ?? 0} sources, ${totals?.claims ?? 0} claims`,
      format(headers),
      ...table.map(format),
    ];
  } finally {
    db.close();
  }
}

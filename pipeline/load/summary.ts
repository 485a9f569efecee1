/** What a load did, per table and per ledger, for the CLI and for callers such as pipeline/process.ts. */

export interface TableCount {
  /** Rows added to the table. */
  inserted: number;
  /** Rows of the input already in the table (skipped, or refreshed for upserted tables). */
  present: number;
}

export interface LoadReject {
  ledger: string;
  /** "path:line" of the bad line. */
  location: string;
  error: string;
}

export interface LedgerProgress {
  /** Line number the load started after (0 = from the top) and the last whole line loaded. */
  fromLine: number;
  toLine: number;
  /** Whole lines read in this load (valid or not). */
  lines: number;
}

export interface LoadSummary {
  tables: Record<string, TableCount>;
  ledgers: Record<string, LedgerProgress>;
  /** Lines that failed validation (also stored in the load_rejects table). */
  rejects: LoadReject[];
  /** Transactions committed (each one a short hold of the write lock). */
  transactions: number;
  /** How long the database file was held read-write: the longest single hold (what a reader may wait) and in all. */
  lockHeldMs: { longest: number; total: number };
}

export function addCount(into: Record<string, TableCount>, table: string, count: TableCount): void {
  const current = into[table] ?? { inserted: 0, present: 0 };
  into[table] = { inserted: current.inserted + count.inserted, present: current.present + count.present };
}

/** One line per table, e.g. "articles +12 (3 present)". */
export function formatSummary(summary: LoadSummary): string {
  const parts = Object.entries(summary.tables)
    .filter(([, c]) => c.inserted + c.present > 0)
    .map(([table, c]) => `${table} +${c.inserted}${c.present ? ` (${c.present} present)` : ""}`);
  if (summary.rejects.length > 0) parts.push(`${summary.rejects.length} bad line(s) skipped`);
  return parts.length > 0 ? parts.join(", ") : "nothing new";
}

import { LedgerWriter, readLedger } from "../core/ledger.ts";
import type { RunRecord } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { pidAlive } from "./lock.ts";

/** Appends one RunRecord line (start, end, or interrupted marker); the last line per runId wins. */
export function appendRun(ws: Workspace, record: RunRecord): void {
  const writer = new LedgerWriter<RunRecord>(ws.runsLedger);
  try {
    writer.append([record]);
  } finally {
    writer.close();
  }
}

/**
 * Closes runs of this kind whose last line still says "running" and whose process is gone (killed): they get an
 * "interrupted" line, and their ids are returned so the new run can say it resumes them.
 */
export async function closeInterruptedRuns(
  ws: Workspace,
  kind: RunRecord["kind"],
  resumedBy: string,
): Promise<string[]> {
  const last = new Map<string, RunRecord>();
  for await (const { record } of readLedger<RunRecord>(ws.runsLedger, { onBadLine: () => {} })) {
    if (record?.runId) last.set(record.runId, record);
  }
  const interrupted: string[] = [];
  for (const record of last.values()) {
    if (record.kind !== kind || record.status !== "running") continue;
    const pid = typeof record.options.pid === "number" ? record.options.pid : null;
    if (pid !== null && pid !== process.pid && pidAlive(pid)) continue;
    appendRun(ws, {
      ...record,
      status: "interrupted",
      errors: [...record.errors, `process ended before the run finished; resumed by ${resumedBy}`],
    });
    interrupted.push(record.runId);
  }
  return interrupted;
}

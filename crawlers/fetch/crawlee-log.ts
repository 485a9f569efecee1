import { Log, LogLevel, log } from "@crawlee/core";

/**
 * crawlee's logger for our crawlers: silent. Every outcome (failures included) is already recorded in
 * captures.jsonl, the summary and our pino lines on stderr; crawlee's plain-text lines would only duplicate them and
 * break the one-JSON-object-per-line log that cron/systemd journals get.
 */
export function quietLog(prefix: string): Log {
  return new Log({ level: LogLevel.OFF, prefix });
}

/**
 * Silences crawlee's shared logger too: its storages (RequestQueueV1) log through it, e.g. the benign "queue head
 * returned a request that is already in progress" after a reclaim, which our own records make redundant.
 */
export function silenceCrawlee(): void {
  log.setLevel(LogLevel.OFF);
}

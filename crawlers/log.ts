import pino from "pino";
import { type Progress, terminalProgress } from "../core/progress.ts";

/**
 * Progress for a crawl command: the bar on a terminal, structured pino logs (one JSON line per event, to stderr)
 * otherwise, so cron/systemd journals stay machine-readable.
 */
export function crawlProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) return terminalProgress({ stream });
  const logger = pino({ base: { app: "framewatch" } }, stream);
  let stage = "";
  let count = 0;
  let total = 0;
  let lastLog = 0;
  const every = 5_000;
  return {
    start(name, expected = 0) {
      stage = name;
      count = 0;
      total = expected;
      lastLog = Date.now();
      logger.info({ stage, total }, `${stage} started`);
    },
    tick(n = 1, detail = "") {
      count += n;
      if (Date.now() - lastLog >= every) {
        lastLog = Date.now();
        logger.info({ stage, done: count, total, detail }, `${stage} progress`);
      }
    },
    setTotal(expected) {
      total = expected;
    },
    end(summary = "") {
      logger.info({ stage, done: count, summary }, `${stage} done`);
    },
    log(message) {
      logger.info({ stage }, message);
    },
  };
}

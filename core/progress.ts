import { SingleBar } from "cli-progress";

/**
 * Progress of a long stage. On a terminal it draws a bar; otherwise (CI, logs, pipes) it prints one structured line
 * per stage start/end and every `logEvery` items, so logs stay readable.
 */
export interface Progress {
  start(stage: string, total?: number): void;
  /** Advances by `n` items; `detail` is shown beside the bar (e.g. "12 pages/s, 3 errors"). */
  tick(n?: number, detail?: string): void;
  /** Grows the expected total (crawls discover work as they go). */
  setTotal(total: number): void;
  end(summary?: string): void;
  /** A line of its own that does not break the bar. */
  log(message: string): void;
}

export const silentProgress: Progress = {
  start() {},
  tick() {},
  setTotal() {},
  end() {},
  log() {},
};

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  logEvery?: number;
}

/** A bar on a TTY, plain lines elsewhere. */
export function terminalProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const logEvery = options.logEvery ?? 500;
  let bar: SingleBar | null = null;
  let stage = "";
  let count = 0;
  let total = 0;
  let started = 0;
  return {
    start(name, expected = 0) {
      stage = name;
      count = 0;
      total = expected;
      started = Date.now();
      if (stream.isTTY) {
        bar = new SingleBar({
          format: `${name.padEnd(8)} [{bar}] {value}/{total} {detail}`,
          stream,
          hideCursor: true,
          clearOnComplete: false,
        });
        bar.start(Math.max(expected, 1), 0, { detail: "" });
      } else {
        stream.write(`[${name}] started${expected ? ` (${expected} items)` : ""}\n`);
      }
    },
    tick(n = 1, detail = "") {
      count += n;
      if (bar) {
        if (count > total) bar.setTotal(count);
        bar.update(count, { detail });
      } else if (Math.floor(count / logEvery) !== Math.floor((count - n) / logEvery)) {
        stream.write(`[${stage}] ${count}${total ? `/${total}` : ""} ${detail}\n`);
      }
    },
    setTotal(expected) {
      total = expected;
      bar?.setTotal(Math.max(expected, count, 1));
    },
    end(summary = "") {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (bar) {
        bar.stop();
        bar = null;
      }
      stream.write(`[${stage}] done in ${seconds} s${summary ? `: ${summary}` : ""}\n`);
    },
    log(message) {
      if (bar) stream.write("\n");
      stream.write(`${message}\n`);
    },
  };
}

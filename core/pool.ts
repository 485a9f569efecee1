import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

/**
 * A worker-thread pool for the CPU-bound stages (extract, tag). A handler module exports
 * `handle(batch: I[]): O[] | Promise<O[]>`; the pool runs it in `size` worker threads and `map` streams batches
 * through them, yielding results in input order with a bounded number of batches in flight (so a fast reader never
 * piles the corpus up in memory, and a slow writer throttles the reader).
 *
 * Workers run TypeScript through tsx: on Node 20 `new Worker(url, {execArgv: ["--import", "tsx"]})` does NOT apply
 * the loader to the worker's entry (ERR_UNKNOWN_FILE_EXTENSION, verified on 20.20), so each worker starts from a tiny
 * eval script that calls tsx's `register()` and then imports this file, which then imports the handler module.
 */

/** Batches in flight per worker by default: one running, one queued so a worker never waits for the main thread. */
export const DEFAULT_IN_FLIGHT_PER_WORKER = 2;
/** A worker that dies this many times in a row without finishing a batch marks the pool broken (no respawn loop). */
export const MAX_CONSECUTIVE_WORKER_DEATHS = 3;

const POOL_MARK = "framewatch-pool-worker";

/** What a handler module must export (`init` is optional: called once per worker with `PoolOptions.init`). */
export interface PoolHandler<I, O> {
  handle(batch: I[]): O[] | Promise<O[]>;
  init?(data: unknown): void | Promise<void>;
}

export interface PoolOptions<I> {
  /** Worker threads (default `os.availableParallelism()`). */
  size?: number;
  /** Batches submitted but not yet yielded by `map` (default size × 2). Bounds memory. */
  maxInFlight?: number;
  /** Id of an item, for error reports (default: its `id` field when it is a string, else "#<index in batch>"). */
  itemId?: (item: I, index: number) => string;
  /**
   * Passed (structured-cloned) to the module's `init(data)` once in each worker before its first batch, e.g. a
   * codebook path, so per-worker setup (compiling a codebook, loading a model) is not repeated per batch.
   */
  init?: unknown;
}

export interface MapOptions<O> {
  /**
   * Called when a batch fails; its return value is yielded in place of the batch's results (e.g. one error record
   * per item). Without it, the first failed batch makes `map` throw its PoolBatchError.
   */
  onError?: (error: PoolBatchError) => O[];
}

export interface Pool<I, O> {
  readonly size: number;
  /** Runs one batch on the next free worker. */
  run(batch: I[]): Promise<O[]>;
  /** Streams batches through the workers; yields each batch's results in input order. */
  map(batches: Iterable<I[]> | AsyncIterable<I[]>, options?: MapOptions<O>): AsyncGenerator<O[]>;
  /** Waits for every submitted batch, then stops the workers. Idempotent. */
  close(): Promise<void>;
}

/** A batch that failed in a worker (the handler threw, or the worker died); names the batch's items. */
export class PoolBatchError extends Error {
  override name = "PoolBatchError";
  constructor(
    message: string,
    readonly batchIndex: number,
    readonly itemIds: string[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface Task<I, O> {
  index: number;
  batch: I[];
  resolve(value: O[]): void;
  reject(error: unknown): void;
}

interface Slot<I, O> {
  worker: Worker;
  task: Task<I, O> | null;
}

type FromWorker<O> =
  | { type: "done"; index: number; result: O[] }
  | { type: "failed"; index: number; message: string; stack?: string }
  | { type: "fatal"; message: string };

function defaultItemId(item: unknown, index: number): string {
  const id = item !== null && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : `#${index}`;
}

/** URL of tsx's ESM `register` API, read from its package.json exports so a tsx upgrade that moves it still works. */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("tsx/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    exports: Record<string, { import?: { default?: string } } | string>;
  };
  const entry = manifest.exports["./esm/api"];
  const relativePath = typeof entry === "string" ? entry : entry?.import?.default;
  if (!relativePath) throw new Error(`${manifestPath}: no "./esm/api" import export (tsx 4 expected)`);
  return pathToFileURL(join(dirname(manifestPath), relativePath)).href;
}

/**
 * Starts a pool running `moduleUrl`'s `handle` in worker threads. Workers start on first use; call `close()` when
 * done (idle workers do not keep the process alive, but their memory stays until closed).
 */
export function createPool<I, O>(moduleUrl: URL, options: PoolOptions<I> = {}): Pool<I, O> {
  const size = Math.max(1, options.size ?? availableParallelism());
  const maxInFlight = Math.max(1, options.maxInFlight ?? size * DEFAULT_IN_FLIGHT_PER_WORKER);
  const itemId = options.itemId ?? defaultItemId;
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const slots: Slot<I, O>[] = [];
  const queue: Task<I, O>[] = [];
  let nextIndex = 0;
  let pending = 0;
  let closed = false;
  let broken: Error | null = null;
  let deathsInARow = 0;
  let drained: (() => void) | null = null;

  const batchError = (task: Task<I, O>, message: string, cause?: unknown): PoolBatchError => {
    const ids = task.batch.map((item, i) => itemId(item, i));
    const shown = ids.length > 10 ? `${ids.slice(0, 10).join(", ")}, … (${ids.length} items)` : ids.join(", ");
    return new PoolBatchError(`batch ${task.index} [${shown}]: ${message}`, task.index, ids, { cause });
  };

  const settle = (): void => {
    pending -= 1;
    if (pending === 0 && drained) drained();
  };

  const spawn = (): Slot<I, O> => {
    const worker = new Worker(bootstrap, {
      eval: true,
      execArgv: [],
      workerData: { [POOL_MARK]: moduleUrl.href, init: options.init },
    });
    const slot: Slot<I, O> = { worker, task: null };
    worker.on("message", (message: FromWorker<O>) => {
      if (message.type === "fatal") {
        broken = new Error(`worker pool for ${moduleUrl.href}: ${message.message}`);
        failAll(broken);
        return;
      }
      const task = slot.task;
      slot.task = null;
      worker.unref();
      if (task && task.index === message.index) {
        if (message.type === "done") {
          deathsInARow = 0;
          task.resolve(message.result);
        } else {
          const cause = Object.assign(new Error(message.message), { stack: message.stack });
          task.reject(batchError(task, message.message, cause));
        }
        settle();
      }
      dispatch();
    });
    const onDeath = (reason: string, cause?: unknown): void => {
      const index = slots.indexOf(slot);
      if (index === -1) return;
      slots.splice(index, 1);
      const task = slot.task;
      slot.task = null;
      if (task) {
        task.reject(batchError(task, `worker died (${reason})`, cause));
        settle();
      }
      if (closed) return;
      deathsInARow += 1;
      if (deathsInARow >= MAX_CONSECUTIVE_WORKER_DEATHS && !broken) {
        broken = new Error(
          `worker pool for ${moduleUrl.href}: ${deathsInARow} workers died in a row (last: ${reason})`,
        );
        failAll(broken);
        return;
      }
      dispatch();
    };
    worker.on("error", (error) => onDeath(error.message, error));
    worker.on("exit", (code) => onDeath(`exit code ${code}`));
    worker.unref();
    slots.push(slot);
    return slot;
  };

  const failAll = (error: Error): void => {
    for (const task of queue.splice(0)) {
      task.reject(batchError(task, error.message, error));
      settle();
    }
    for (const slot of slots) {
      if (slot.task) {
        const task = slot.task;
        slot.task = null;
        task.reject(batchError(task, error.message, error));
        settle();
      }
    }
    for (const slot of slots.splice(0)) void slot.worker.terminate();
  };

  const dispatch = (): void => {
    while (queue.length > 0 && !broken) {
      let slot = slots.find((s) => s.task === null);
      if (!slot && slots.length < size) slot = spawn();
      if (!slot) return;
      const task = queue.shift() as Task<I, O>;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage({ index: task.index, batch: task.batch });
    }
  };

  const run = (batch: I[]): Promise<O[]> => {
    if (closed) return Promise.reject(new Error("worker pool is closed"));
    if (broken) return Promise.reject(broken);
    return new Promise<O[]>((resolve, reject) => {
      pending += 1;
      queue.push({ index: nextIndex++, batch, resolve, reject });
      dispatch();
    });
  };

  async function* map(
    batches: Iterable<I[]> | AsyncIterable<I[]>,
    mapOptions: MapOptions<O> = {},
  ): AsyncGenerator<O[]> {
    type Settled = { ok: true; value: O[] } | { ok: false; error: unknown };
    const window: Promise<Settled>[] = [];
    const source =
      Symbol.asyncIterator in batches ? batches[Symbol.asyncIterator]() : (batches as Iterable<I[]>)[Symbol.iterator]();
    let exhausted = false;
    try {
      while (true) {
        // Fill the window (backpressure: the source is only read while fewer than maxInFlight batches are out).
        while (!exhausted && window.length < maxInFlight) {
          const next = await source.next();
          if (next.done) {
            exhausted = true;
            break;
          }
          window.push(
            run(next.value).then(
              (value): Settled => ({ ok: true, value }),
              (error: unknown): Settled => ({ ok: false, error }),
            ),
          );
        }
        const head = window.shift();
        if (!head) return;
        const settled = await head;
        if (settled.ok) yield settled.value;
        else if (mapOptions.onError && settled.error instanceof PoolBatchError) yield mapOptions.onError(settled.error);
        else throw settled.error;
      }
    } finally {
      // Early exit (consumer break or error): stop reading, let the batches already out finish, so nothing keeps
      // running behind the caller's back.
      if (!exhausted) await source.return?.();
      await Promise.all(window);
    }
  }

  const close = async (): Promise<void> => {
    closed = true;
    if (pending > 0) await new Promise<void>((resolve) => (drained = resolve));
    await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
  };

  return { size, run, map, close };
}

/** Worker side: imports the handler module and answers batches until terminated. */
async function serveWorker(moduleHref: string, init: unknown): Promise<void> {
  const port = parentPort;
  if (!port) return;
  let handler: PoolHandler<unknown, unknown>;
  try {
    const module = (await import(moduleHref)) as Partial<PoolHandler<unknown, unknown>>;
    if (typeof module.handle !== "function") throw new Error(`${moduleHref} does not export a handle(batch) function`);
    handler = module as PoolHandler<unknown, unknown>;
    if (init !== undefined) {
      if (typeof handler.init !== "function")
        throw new Error(`${moduleHref} does not export init(data) but the pool has init data`);
      await handler.init(init);
    }
  } catch (error) {
    port.postMessage({ type: "fatal", message: error instanceof Error ? error.message : String(error) });
    return;
  }
  port.on("message", async (message: { index: number; batch: unknown[] }) => {
    try {
      const result = await handler.handle(message.batch);
      port.postMessage({ type: "done", index: message.index, result });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ type: "failed", index: message.index, message: e.message, stack: e.stack });
    }
  });
}

if (!isMainThread && typeof workerData?.[POOL_MARK] === "string") {
  void serveWorker(workerData[POOL_MARK] as string, (workerData as { init?: unknown }).init);
}

/** One measured figure of a benchmark suite, printed as a table row and written to bench/out/results.json. */
export interface BenchRow {
  suite: string;
  measure: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≥ 200 pages/s". */
  target?: string;
  /** Whether the target was met (undefined when there is no target). */
  met?: boolean;
  /** Free-form context, e.g. "readability baseline 19.2 pages/s; ratio 2.3×". */
  note?: string;
}

export interface BenchOptions {
  /** Smaller sizes for a quick look (`npm run bench -- --quick`). */
  quick: boolean;
  /** Folder for scratch files; removed afterwards by the runner. */
  scratchDir: string;
}

/** A benchmark suite: measures, never asserts. */
export type BenchSuite = (options: BenchOptions) => Promise<BenchRow[]>;

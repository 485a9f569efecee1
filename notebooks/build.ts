/**
 * Builds the notebooks (Observable Framework) from a Parquet export, offline:
 *
 *   node --import tsx notebooks/build.ts [--export DIR] [--out DIR]
 *
 * The loader cache is cleared first so the pages always show the export given, not a previous one.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_EXPORT } from "./query-export.ts";

const NOTEBOOKS = fileURLToPath(new URL(".", import.meta.url));
const FRAMEWORK = fileURLToPath(
  new URL("../node_modules/@observablehq/framework/dist/bin/observable.js", import.meta.url),
);

export interface BuildOptions {
  /** Parquet export folder (default data/exports/latest or FRAMEWATCH_EXPORT). */
  exportDir?: string;
  /** Output folder (default notebooks/dist). */
  outDir?: string;
}

/** Runs `observable build` over notebooks/; returns the output folder. Throws with Framework's output on failure. */
export function buildNotebooks(options: BuildOptions = {}): string {
  const outDir = resolve(options.outDir ?? `${NOTEBOOKS}dist`);
  // Framework clears only output folders inside notebooks/; clear a previous build elsewhere, never anything else.
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!existsSync(join(outDir, "_observablehq"))) {
      throw new Error(`${outDir} is not empty and is not a notebooks build; choose another --out`);
    }
    rmSync(outDir, { recursive: true, force: true });
  }
  rmSync(`${NOTEBOOKS}.observablehq/cache/data`, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [FRAMEWORK, "build"], {
    cwd: NOTEBOOKS,
    encoding: "utf8",
    env: {
      ...process.env,
      FRAMEWATCH_EXPORT: resolve(options.exportDir ?? process.env.FRAMEWATCH_EXPORT ?? DEFAULT_EXPORT),
      FRAMEWATCH_NOTEBOOKS_OUT: outDir,
      OBSERVABLE_TELEMETRY_DISABLE: "1",
    },
  });
  if (result.status !== 0) {
    throw new Error(`notebook build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return outDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const out = buildNotebooks({ exportDir: flag("--export"), outDir: flag("--out") });
  process.stdout.write(`notebooks built in ${out}; serve it, e.g. npx vite preview --outDir ${out}\n`);
}

import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes the site into a fresh folder beside the target and swaps it into place at the end, so readers never see a
 * half-built report and a failed build leaves the previous report untouched.
 */
export class SiteWriter {
  private readonly dirs = new Set<string>();
  files = 0;

  private constructor(
    readonly outDir: string,
    readonly stagingDir: string,
  ) {}

  static async create(outDir: string): Promise<SiteWriter> {
    const stagingDir = join(dirname(outDir), `.${basename(outDir)}.building-${process.pid}`);
    await rm(stagingDir, { recursive: true, force: true });
    await mkdir(stagingDir, { recursive: true });
    return new SiteWriter(outDir, stagingDir);
  }

  /** Writes one file (site-relative path); folders are created once. */
  async write(path: string, content: string): Promise<void> {
    if (path.split("/").some((part) => part === ".." || part === "")) throw new Error(`unsafe site path: ${path}`);
    const full = join(this.stagingDir, path);
    const dir = dirname(full);
    if (!this.dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    await writeFile(full, content);
    this.files += 1;
  }

  /** Writes many files with bounded concurrency. */
  async writeAll(files: readonly { path: string; content: string }[], concurrency = 64): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const file = files[next++];
        if (file) await this.write(file.path, file.content);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  }

  /** Swaps the finished site into `outDir` (the previous report, if any, is removed after the swap). */
  async commit(): Promise<void> {
    await mkdir(dirname(this.outDir), { recursive: true });
    const old = join(dirname(this.outDir), `.${basename(this.outDir)}.old-${process.pid}`);
    await rm(old, { recursive: true, force: true });
    if (existsSync(this.outDir)) await rename(this.outDir, old);
    await rename(this.stagingDir, this.outDir);
    await rm(old, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    await rm(this.stagingDir, { recursive: true, force: true });
  }
}

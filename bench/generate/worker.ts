import { type FileStats, type FileTask, generateFile } from "./file.ts";

/** Pool handler (core/pool.ts): each batch item is one WARC file to write. */
export async function handle(batch: FileTask[]): Promise<FileStats[]> {
  const out: FileStats[] = [];
  for (const task of batch) out.push(await generateFile(task));
  return out;
}

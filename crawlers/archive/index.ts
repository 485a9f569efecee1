/** WARC writing and reading: the provenance of every byte the pipeline analyses. */
export { iterateWarcResponses, readWarcResponse, type WarcResponse, type WarcResponseEntry } from "./warc-reader.ts";
export {
  DEFAULT_ROTATE_BYTES,
  type Exchange,
  WarcWriter,
  type WarcWriterOptions,
  type WrittenRecord,
} from "./warc-writer.ts";

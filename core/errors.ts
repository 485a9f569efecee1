/**
 * Error classes say what happens next (after crawlee's errors.ts): skip the item, retry later, or abort the run.
 * Always pass `{ cause }` when wrapping.
 */

/** A user-facing failure of a command: the message names the file, line, URL or option at fault. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Input that cannot be used as given (bad config, codebook, JSONL line). Not retried. */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    message: string,
    readonly location: string,
    options?: ErrorOptions,
  ) {
    super(`${location}: ${message}`, options);
  }
}

/** A fetch or step that will fail the same way again; record it and move on. */
export class NonRetryableError extends Error {
  override name = "NonRetryableError";
}

/** A condition that makes continuing pointless or unsafe (disk full, database corrupt); abort the run. */
export class CriticalError extends Error {
  override name = "CriticalError";
}

/** Message of any thrown value, for logs and error records. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Input the user gave that Lockstep cannot use: a missing file, SQL that does not parse, a bad
 * flag. The CLI prints the message on one line and exits with code 2.
 */
export class InputError extends Error {
  constructor(
    /** The message without its location. */
    readonly reason: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(file ? `${file}${line ? `:${line}${column ? `:${column}` : ""}` : ""}: ${reason}` : reason);
    this.name = "InputError";
  }
}

/** The same error, located in the file as the user named it. */
export function relabel(err: unknown, file: string): unknown {
  return err instanceof InputError ? new InputError(err.reason, file, err.line, err.column) : err;
}

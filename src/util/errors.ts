/**
 * Input the user gave that Lockstep cannot use: a missing file, SQL that does not parse, a bad
 * flag. The CLI prints the message on one line and exits with code 2.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(file ? `${file}${line ? `:${line}${column ? `:${column}` : ""}` : ""}: ${message}` : message);
    this.name = "InputError";
  }
}

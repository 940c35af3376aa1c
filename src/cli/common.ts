export { defaultCacheDir } from "../util/cache-dir.js";

/** What every command needs from the program: where output goes, and how to set the exit code. */
export interface CommandContext {
  readonly setExit: (code: number) => void;
  readonly stdout: (text: string) => void;
  /** Where progress lines go: set only when stderr is a terminal. */
  readonly progress?: (text: string) => void;
  /** The arguments the command line was given (`plan` repeats them in the flags it suggests). */
  readonly argv?: readonly string[];
}

/** A flag the user got wrong: exit 2 with the message. */
export class UsageError extends Error {}

/** A flag's value as a positive whole number (undefined when the flag is absent). */
export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} ${value}: expected a positive whole number`);
  return n;
}

/** `--rows`: rows seeded per table, 0 (seeding off) to a million. */
export function rowCount(value: string | undefined, flag = "--rows"): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 1_000_000)
    throw new UsageError(`${flag} ${value}: expected a whole number from 0 to 1000000`);
  return n;
}

/**
 * A verify progress line rewritten in place on a terminal (`migration n of N  file`), and the call
 * that clears it; nothing when there is no terminal or the output is JSON.
 */
export function verifyProgress(progress: ((text: string) => void) | undefined, format: string) {
  const show = format === "json" ? undefined : progress;
  return {
    onProgress: show
      ? (n: number, total: number, file: string) => show(`\r\x1b[Kverify: migration ${n} of ${total}  ${file}`)
      : undefined,
    done: () => show?.("\r\x1b[K"),
  };
}

import { type Command, Option } from "commander";
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

/** The dialect names `--dialect` (and the configuration's `dialect`) accept; `postgresql` is postgres. */
export const DIALECT_FLAG_VALUES = ["postgres", "postgresql", "sqlite"] as const;

/** The `--dialect` and `--sqlite-version` options every command that reads SQL takes. */
export function withDialectOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--dialect <dialect>", "database dialect (default postgres)").choices([...DIALECT_FLAG_VALUES]),
    )
    .option(
      "--sqlite-version <v>",
      "with --dialect sqlite: the oldest SQLite the migrations must run on (default 3.35)",
    );
}

/**
 * The request's `dialect` and `sqliteVersion` from the flags, else the configuration: absent
 * fields when neither names them (the commands default to PostgreSQL and SQLite 3.35).
 */
export function dialectChoice(
  opts: { dialect?: string; sqliteVersion?: string },
  config: { dialect?: string; sqliteVersion?: string },
): { dialect?: "postgres" | "sqlite"; sqliteVersion?: string } {
  const name = opts.dialect ?? config.dialect;
  const sqliteVersion = opts.sqliteVersion ?? config.sqliteVersion;
  if (sqliteVersion !== undefined && !/^3\.\d+(\.\d+)?$/.test(sqliteVersion))
    throw new UsageError(`--sqlite-version ${sqliteVersion}: expected a SQLite 3 version such as 3.35 or 3.40.1`);
  const dialect = name === undefined ? undefined : name === "sqlite" ? "sqlite" : "postgres";
  return { ...(dialect ? { dialect } : {}), ...(sqliteVersion !== undefined ? { sqliteVersion } : {}) };
}

/**
 * An engine is a real database where Lockstep runs SQL: replaying history, building the desired
 * schema, self-checking plans. Each `Database` it hands out is throwaway and owned by Lockstep.
 */
export interface Database {
  /** Runs one statement (or a script, where the engine allows it). */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Server version as `SHOW server_version_num`, e.g. 150004. */
  readonly serverVersion: number;
  /** Drops every user object: the database is as new. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface Engine {
  /** The engine's name (`pglite`, `postgres`…), for messages and library users. */
  readonly kind: string;
  /** A fresh, empty database that belongs to Lockstep. */
  fresh(): Promise<Database>;
  close(): Promise<void>;
  /** Names of the databases it created on a server (`trace --keep` reports the one it kept). */
  readonly databases?: readonly string[];
  /** The database as it is now, archived in `file` (engines that can: the replay cache uses it). */
  saveState?(file: string): Promise<void>;
  /** A database restored from `saveState`'s archive. */
  fromState?(file: string): Promise<Database>;
}

/** An error the engine reported while running one statement. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    /** 1-based character position in the statement, where the engine gave one. */
    readonly position?: number,
  ) {
    super(message);
    this.name = "EngineError";
  }
}

/** Wraps whatever a driver threw in an EngineError, keeping its SQLSTATE and position. */
export function toEngineError(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  const e = err as { message?: string; code?: string; position?: string | number };
  const position = e.position === undefined ? undefined : Number(e.position);
  return new EngineError(e.message ?? String(err), e.code, Number.isFinite(position) ? position : undefined);
}

/** The server given cannot be reached: a usage error (exit 2), its password never shown. */
export class UnreachableServerError extends Error {
  constructor(url: string, reason: string) {
    super(`cannot connect to ${url}: ${reason}`);
    this.name = "UnreachableServerError";
  }
}

/** The URL with its password replaced, for messages: secrets never reach output. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}

const shutdownHooks = new Set<() => Promise<void>>();

/** Engines loaded in this process register how to stop; the CLI stops them all before exit. */
export function onShutdown(hook: () => Promise<void>): void {
  shutdownHooks.add(hook);
}

export async function shutdownEngines(): Promise<void> {
  for (const hook of shutdownHooks) await hook();
}

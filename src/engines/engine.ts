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
  readonly kind: "pglite" | "postgres";
  /** A fresh, empty database that belongs to Lockstep. */
  fresh(): Promise<Database>;
  close(): Promise<void>;
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

/** SQL that empties a database of user schemas and recreates `public`. */
export const RESET_SQL = `
DO $lockstep$
DECLARE r record;
BEGIN
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace
           WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
             AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  CREATE SCHEMA public;
END
$lockstep$;
-- Settings a previous user of the database made (a migration's SET lock_timeout) go too.
RESET ALL;
SET search_path = public;
-- A throwaway database: durability buys nothing, and every commit would wait for it.
SET synchronous_commit = off;
`;

/** The server given cannot be reached: a usage error (exit 2), its password never shown. */
export class UnreachableServerError extends Error {
  constructor(url: string, reason: string) {
    super(`cannot connect to ${url}: ${reason}`);
    this.name = "UnreachableServerError";
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

import type { Database } from "../engines/engine.js";

/**
 * What the catalog says about the database while a statement runs: the relation locks this
 * session holds (pg_locks, inside the statement's transaction) and each table's storage file
 * (pg_class.relfilenode), whose change means the table was rewritten.
 */
export interface Lock {
  readonly relation: string;
  readonly mode: string;
}

const LOCKS = `
SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END AS relation,
       l.mode, c.relkind::text AS kind
FROM pg_locks l
JOIN pg_class c ON c.oid = l.relation
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE l.locktype = 'relation' AND l.pid = pg_backend_pid() AND l.granted
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

const FILES = `
SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END AS relation,
       c.relfilenode::text AS file
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

/** Relation locks held now by this session on user tables (indexes and sequences left out). */
export async function heldLocks(db: Database): Promise<Lock[]> {
  const rows = await db.query<{ relation: string; mode: string; kind: string }>(LOCKS);
  return rows
    .filter((r) => r.kind === "r" || r.kind === "p" || r.kind === "m")
    .map(({ relation, mode }) => ({ relation, mode }));
}

/** Table → storage file. */
export async function storageFiles(db: Database): Promise<Map<string, string>> {
  const rows = await db.query<{ relation: string; file: string }>(FILES);
  return new Map(rows.map((r) => [r.relation, r.file]));
}

export async function lockTimeout(db: Database): Promise<string> {
  const [row] = await db.query<{ v: string }>("SELECT current_setting('lock_timeout') AS v");
  return row?.v ?? "0";
}

/** Lock modes that queue behind running queries and block everything queued behind them. */
export const BLOCKING_MODES: ReadonlySet<string> = new Set([
  "AccessExclusiveLock",
  "ExclusiveLock",
  "ShareLock",
  "ShareRowExclusiveLock",
]);

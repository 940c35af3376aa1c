import type { Database } from "../../engines/engine.js";
import type { Lock, Observation } from "../../trace/observe.js";
import { NAMED_TABLES, namedTables } from "./introspect.js";

/**
 * What the catalog says about the database while a statement runs: the relation locks this
 * session holds (pg_locks, inside the statement's transaction), each table's storage file
 * (pg_class.relfilenode), whose change means the table was rewritten, and the lock_timeout in
 * effect. One query reads all three: on the embedded engine pg_locks alone costs milliseconds.
 */

const NAME = `CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END`;
const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

const LOCKS = `
SELECT coalesce(json_agg(json_build_object('relation', ${NAME}, 'mode', l.mode)), '[]')
FROM pg_locks l
JOIN pg_class c ON c.oid = l.relation
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE l.locktype = 'relation' AND l.pid = pg_backend_pid() AND l.granted
  AND c.relkind IN ('r', 'p', 'm') AND ${USER_NS}`;

/** With `$1`: only the tables of these `schema.name` keys. */
const FILES = (scoped: boolean) => `
SELECT coalesce(json_agg(json_build_array(${NAME}, c.relfilenode::text)), '[]')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'm') AND ${USER_NS} ${scoped ? `AND ${NAMED_TABLES}` : ""}`;

/**
 * Observes the session now. `locks`: read pg_locks too (only meaningful inside a transaction).
 * `tables`: watch only these tables' storage (`schema.name` keys); default: every table.
 */
export async function observe(db: Database, locks: boolean, tables?: readonly string[]): Promise<Observation> {
  const scoped = tables !== undefined;
  const [row] = await db.query<{ locks: Lock[] | string; files: [string, string][] | string; timeout: string }>(
    `SELECT ${locks ? `(${LOCKS})` : "'[]'::json"} AS locks, (${FILES(scoped)}) AS files,
            current_setting('lock_timeout') AS timeout`,
    scoped ? [namedTables(tables)] : [],
  );
  const json = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
  return {
    locks: json(row!.locks),
    files: new Map(json(row!.files)),
    timeout: row!.timeout,
  };
}

/** The tables (plain, partitioned, materialized views) that exist now, named as locks name them. */
export async function existingTables(db: Database): Promise<ReadonlySet<string>> {
  const [row] = await db.query<{ names: string[] | string }>(
    `SELECT coalesce(json_agg(${NAME}), '[]') AS names FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'm') AND ${USER_NS}`,
  );
  const names = row!.names;
  return new Set(typeof names === "string" ? (JSON.parse(names) as string[]) : names);
}

/** Lock modes that queue behind running queries and block everything queued behind them. */
const BLOCKING_MODES: ReadonlySet<string> = new Set([
  "AccessExclusiveLock",
  "ExclusiveLock",
  "ShareLock",
  "ShareRowExclusiveLock",
]);

export function isBlockingLock(mode: string): boolean {
  return BLOCKING_MODES.has(mode);
}

/** PostgreSQL's lint rules that explain a rewrite the trace saw. */
export const REWRITE_RULES: readonly string[] = [
  "type-change-rewrite",
  "narrowing-type-change",
  "volatile-default-rewrite",
  "add-stored-generated-column",
  "add-serial-column",
  "table-rewrite-maintenance",
];

export const LOCK_TIMEOUT_FIX = "SET lock_timeout = '2s'; -- before it, and retry on timeout";

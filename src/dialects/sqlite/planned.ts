import type { ChangeKind, PlannedStatement } from "../../plan/model.js";
import type { SqlStatement } from "../dialect.js";
import { splitSqlite } from "./split.js";
import type { SqliteStatementInfo } from "./statement-kind.js";

/**
 * The record of a statement Lockstep writes for SQLite, made once where the recipe hands it over,
 * from what SQLite itself says of it (split.ts). SQLite locks the whole database file, not tables:
 * a statement that writes holds the database's write lock until its transaction ends, and nothing
 * queues behind it (a waiting writer gets SQLITE_BUSY after its busy_timeout; readers go on in WAL
 * mode), so `queues` is empty and no step is given a lock timeout.
 */
export function plannedStatement(sql: string, change?: ChangeKind): PlannedStatement {
  const parsed = splitSqlite(sql);
  return {
    sql,
    ...(change ? { change } : {}),
    transactional: !parsed.some(outsideTransactionOnly),
    lock: parsed.some(writes) ? [{ mode: "write", relation: "database" }] : [],
    queues: [],
    creates: parsed.flatMap((s) =>
      (info(s).effect?.created ?? []).filter((o) => o.type === "table").map((o) => o.name),
    ),
    ...(parsed.length > 0 && parsed.every((s) => s.kind === "Pragma" && info(s).pragma?.name === "busy_timeout")
      ? { session: true as const }
      : {}),
  };
}

/**
 * SQLite has no lock_timeout: a statement does not wait on a table lock, it fails with SQLITE_BUSY
 * once the connection's busy_timeout is spent. That is the nearest thing, and a session setting.
 */
export function busyTimeoutStatement(timeout: string): PlannedStatement {
  return {
    sql: `PRAGMA busy_timeout = ${milliseconds(timeout)}`,
    transactional: true,
    lock: [],
    queues: [],
    creates: [],
    session: true,
  };
}

/** `2s`, `500ms`, `1min`, or a number of milliseconds. */
function milliseconds(timeout: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|min)?\s*$/.exec(timeout);
  if (!m) return 0;
  const n = Number(m[1]);
  return Math.round(m[2] === "s" ? n * 1000 : m[2] === "min" ? n * 60_000 : n);
}

function info(stmt: SqlStatement): SqliteStatementInfo {
  return stmt.ast as unknown as SqliteStatementInfo;
}

/** VACUUM fails inside a transaction; PRAGMA foreign_keys does nothing there. */
export function outsideTransactionOnly(stmt: SqlStatement): boolean {
  return stmt.kind === "Vacuum" || (stmt.kind === "Pragma" && info(stmt).pragma?.name === "foreign_keys");
}

function writes(stmt: SqlStatement): boolean {
  return !["Pragma", "Select", "Begin", "Commit", "Rollback", "Savepoint", "Release", "Explain"].includes(stmt.kind);
}

/**
 * SQLite behind the Dialect seam: the only file of this folder the rest of Lockstep imports.
 * Engine: sql.js (SQLite in WebAssembly) in memory; `--dev-url sqlite:PATH` reads a file, never
 * writes it. Statements are split and described by SQLite itself (split.ts).
 */
import type { Dialect, SqlStatement } from "../dialect.js";
import { openSqliteEngine } from "./engine.js";
import { introspectSqlite } from "./introspect.js";
import { splitSqlite } from "./split.js";
import { loadSqlJs } from "./sqljs.js";
import { ident, literal } from "./render.js";
import type { SqliteStatementInfo } from "./statement-kind.js";
import { isBlank } from "./text.js";

export const sqlite: Dialect = {
  name: "sqlite",

  // ── Statements ──
  ready: async () => {
    await loadSqlJs();
  },
  split: splitSqlite,
  isBlank,

  // ── Engines ──
  openEngine: (request) => openSqliteEngine(request.devUrl),
  introspect: (db) => introspectSqlite(db),

  // ── Transactions and locks ──
  // VACUUM fails inside a transaction, and PRAGMA foreign_keys does nothing there (SQLite's docs).
  outsideTransactionOnly: (stmt) =>
    stmt.kind === "Vacuum" || (stmt.kind === "Pragma" && pragmaName(stmt) === "foreign_keys"),
  mayHoldOutsideTransactionOnly: (text) => /vacuum|foreign_keys/i.test(text),

  // ── Lint ──

  // ── Planner ──
  ident,
  literal,

  // ── Verify ──
};

function pragmaName(stmt: SqlStatement): string | undefined {
  return (stmt.ast as unknown as SqliteStatementInfo).pragma?.name;
}

export { affinity, type Affinity } from "./affinity.js";
export { DEFAULT_SQLITE_VERSION, FEATURES, type Feature, parseSqliteVersion, supports } from "./versions.js";
export type { SqliteStatementInfo } from "./statement-kind.js";

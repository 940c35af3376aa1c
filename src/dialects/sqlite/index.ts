/**
 * SQLite behind the Dialect seam: the only file of this folder the rest of Lockstep imports.
 * Engine: sql.js (SQLite in WebAssembly) in memory; `--dev-url sqlite:PATH` reads a file, never
 * writes it. Statements are split and described by SQLite itself (split.ts).
 */
import type { Dialect } from "../dialect.js";
import { openSqliteEngine } from "./engine.js";
import { introspectSqlite } from "./introspect.js";
import { splitSqlite } from "./split.js";
import { loadSqlJs } from "./sqljs.js";
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

  // ── Lint ──

  // ── Planner ──

  // ── Verify ──
};

export { affinity, type Affinity } from "./affinity.js";
export { DEFAULT_SQLITE_VERSION, FEATURES, type Feature, parseSqliteVersion, supports } from "./versions.js";
export type { SqliteStatementInfo } from "./statement-kind.js";

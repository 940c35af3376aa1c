/**
 * SQLite behind the Dialect seam: the only file of this folder the rest of Lockstep imports.
 * Engine: sql.js (SQLite in WebAssembly) in memory; `--dev-url sqlite:PATH` reads a file, never
 * writes it. Statements are split and described by SQLite itself (split.ts).
 */
import type { Database } from "../../engines/engine.js";
import type { Dialect, SqlStatement } from "../dialect.js";
import { openSqliteEngine } from "./engine.js";
import { printRows } from "./fingerprint.js";
import { existingTables, observe } from "./observe.js";
import { seedSql } from "./seed.js";
import { introspectSqlite } from "./introspect.js";
import { splitSqlite } from "./split.js";
import { loadSqlJs } from "./sqljs.js";
import { ident, literal } from "./render.js";
import type { SqliteStatementInfo } from "./statement-kind.js";
import { isBlank } from "./text.js";
import { columnRefs, indexColumns } from "./names-read.js";
import { busyTimeoutStatement, plannedStatement } from "./planned.js";
import { recipeFor } from "./recipes/index.js";
import { applyToTables } from "./known-tables.js";
import { lintSession } from "./lint-session.js";
import { missingForeignKeyIndex } from "./missing-foreign-key-index.js";
import { RULES } from "./rules/index.js";

export const sqlite: Dialect = {
  name: "sqlite",

  // ── Statements ──
  ready: async () => {
    await loadSqlJs();
  },
  split: splitSqlite,
  isBlank,
  // No schemas: a table is known by its name (`main.` is the only database Lockstep opens).
  tableKey: (name) => name.replace(/^main\./i, ""),

  // ── Engines ──
  openEngine: (request) => openSqliteEngine(request.devUrl),
  introspect: (db) => introspectSqlite(db),
  introspectTables: async (db, only) => {
    const tables = [...(await introspectSqlite(db)).tables];
    return only ? tables.filter((t) => only.includes(`${t.schema}.${t.name}`) || only.includes(t.name)) : tables;
  },
  introspectGlobals: async () => ({ namespaces: [], extensions: [], enums: [], sequences: [] }),
  countUnmodelled: async (db) =>
    Number(
      (await db.query<{ n: number }>("SELECT count(*) AS n FROM sqlite_schema WHERE type IN ('view', 'trigger')"))[0]
        ?.n ?? 0,
    ),
  isDatabaseUrl: (spec) => spec.startsWith("sqlite:"),
  readDatabase: async (url) => {
    const engine = openSqliteEngine(url);
    try {
      return await introspectSqlite(await engine.fresh());
    } finally {
      await engine.close();
    }
  },
  clearInTransaction,
  cacheKey: () => "sqlite:sql.js",
  tableShape: async (db) => {
    const [row] = await db.query<{ tables: number; columns: number }>(
      `SELECT count(DISTINCT m.name) AS tables, count(c.name) AS columns
       FROM sqlite_schema m LEFT JOIN pragma_table_xinfo(m.name) c
       WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`,
    );
    return { tables: Number(row?.tables ?? 0), columns: Number(row?.columns ?? 0) };
  },
  errorHint: () => "",
  // sqlite3_exec runs a script's statements one by one, each in autocommit.
  queryIsOneTransaction: false,

  // ── Transactions and locks ──
  // VACUUM fails inside a transaction, and PRAGMA foreign_keys does nothing there (SQLite's docs).
  outsideTransactionOnly: (stmt) =>
    stmt.kind === "Vacuum" || (stmt.kind === "Pragma" && pragmaName(stmt) === "foreign_keys"),
  mayHoldOutsideTransactionOnly: (text) => /vacuum|foreign_keys/i.test(text),
  transactionControl: (stmt) =>
    stmt.kind === "Begin" ? "begin" : stmt.kind === "Commit" || stmt.kind === "Rollback" ? "end" : undefined,
  isTransactionControl: (stmt) => ["Begin", "Commit", "Rollback", "Savepoint", "Release"].includes(stmt.kind),
  // SQLite locks the whole database file, not tables: no lock table to run out of.
  statementsPerTransaction: 10_000,
  extensionCreated: () => undefined,

  // ── Lint ──
  rules: RULES,
  applyToTables: (stmt, tables) => applyToTables(stmt, tables, (name) => sqlite.tableKey(name)),
  // A table renamed keeps being new when it was (SQLite's effect shows the new name as created).
  createdRelations: (stmt, isNew) => {
    const effect = (stmt.ast as unknown as SqliteStatementInfo).effect;
    if (!effect) return [];
    const renamedFrom = stmt.kind === "AlterTableRename" ? effect.dropped.find((o) => o.type === "table") : undefined;
    if (renamedFrom && !isNew(renamedFrom.name)) return [];
    return effect.created.map((o) => o.name);
  },
  lintSession,
  missingForeignKeyIndex,

  // ── Planner ──
  ident,
  literal,
  // In-place ALTER where SQLite allows it, else the 12-step rebuild (recipes/, rebuild.ts).
  recipeFor,
  // No lock_timeout in SQLite: a writer that finds the database locked waits its busy_timeout, then
  // fails. Planned statements queue behind nothing (planned.ts), so the planner never asks for it.
  lockTimeout: busyTimeoutStatement,
  plannedStatement: (sql) => plannedStatement(sql),
  columnRefs,
  indexColumns,
  // A declared type is text SQLite keeps as written and reads without regard to case (its affinity
  // and the rowid alias of INTEGER PRIMARY KEY): `integer` is `INTEGER`, `INT` is not.
  sameType: (a, b) => a.replace(/\s+/g, " ").trim().toUpperCase() === b.replace(/\s+/g, " ").trim().toUpperCase(),
  deployNote: (stage) =>
    stage.startsWith("contract")
      ? "Runs once the code no longer needs what it removes."
      : "Runs with the current code live.",
  // PRAGMA foreign_keys runs in steps of its own outside the transaction (Op.around); the rest in one.
  stageInTransaction: () => true,

  // ── Verify ──
  seedSql,
  printRows,
  // Undefined: the statements may have changed anything (verify compares the whole schema).
  touchedBy: () => undefined,
  enumTypeName: (e) => ident(e.name),
  observe,
  existingTables,
  // SQLite takes no table locks; a writer locks the database file for the transaction (observe.ts).
  isBlockingLock: () => false,
  rewriteRules: [],
  lockTimeoutFix: "",
  monitoringHints: () => [],
  locksOutsideTransaction: () => undefined,
  // A constraint failed, or a value did not fit (STRICT tables, a too large value): SQLite's result codes.
  dependsOnValues: (code) => /^SQLITE_(CONSTRAINT|MISMATCH|RANGE|TOOBIG)/.test(code),
};

/**
 * Drops every table and view inside the caller's transaction (indexes and triggers go with their
 * tables). Foreign keys are deferred to the end of the transaction, which the caller rolls back:
 * a parent dropped before its children is no error.
 */
async function clearInTransaction(db: Database): Promise<void> {
  await db.exec("PRAGMA defer_foreign_keys = ON");
  const objects = await db.query<{ type: string; name: string }>(
    "SELECT type, name FROM sqlite_schema WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type DESC",
  );
  for (const o of objects) await db.exec(`DROP ${o.type === "view" ? "VIEW" : "TABLE"} ${ident(o.name)}`);
}

function pragmaName(stmt: SqlStatement): string | undefined {
  return (stmt.ast as unknown as SqliteStatementInfo).pragma?.name;
}

export { affinity, type Affinity } from "./affinity.js";
export { DEFAULT_SQLITE_VERSION, FEATURES, type Feature, parseSqliteVersion, supports } from "./versions.js";
export type { SqliteStatementInfo } from "./statement-kind.js";

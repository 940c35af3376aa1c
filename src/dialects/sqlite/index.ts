/**
 * SQLite behind the Dialect seam: the only file of this folder the rest of Lockstep imports.
 * Engine: sql.js (SQLite in WebAssembly) in memory; `--dev-url sqlite:PATH` reads a file, never
 * writes it. Statements are split and described by SQLite itself (split.ts).
 */
import type { Database } from "../../engines/engine.js";
import type { Dialect, SqlStatement } from "../dialect.js";
import { openSqliteEngine } from "./engine.js";
import { introspectSqlite } from "./introspect.js";
import { splitSqlite } from "./split.js";
import { loadSqlJs } from "./sqljs.js";
import { ident, literal } from "./render.js";
import type { SqliteStatementInfo } from "./statement-kind.js";
import { isBlank } from "./text.js";
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
  // SQLite's recipes (in-place ALTER, else the 12-step rebuild in rebuild.ts) come with its planner.
  recipeFor: notBuilt("recipeFor"),
  lockTimeout: notBuilt("lockTimeout"),
  plannedStatement: notBuilt("plannedStatement"),
  columnRefs: notBuilt("columnRefs"),
  indexColumns: notBuilt("indexColumns"),
  deployNote: () => "Runs with the current code live.",
  stageInTransaction: () => true,

  // ── Verify ──
  seedSql: notBuilt("seedSql"),
  printRows: notBuilt("printRows"),
  // Undefined: the statements may have changed anything (verify compares the whole schema).
  touchedBy: () => undefined,
  enumTypeName: (e) => ident(e.name),
  observe: notBuilt("observe"),
  existingTables: notBuilt("existingTables"),
  // SQLite takes no table locks; a writer locks the database file for the transaction.
  isBlockingLock: () => false,
  rewriteRules: [],
  lockTimeoutFix: "",
  monitoringHints: () => [],
  locksOutsideTransaction: () => undefined,
};

/** A member SQLite does not answer yet: an error that says which, never a silent wrong answer. */
function notBuilt(member: string): () => never {
  return () => {
    throw new Error(`the SQLite dialect does not support ${member} yet`);
  };
}

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

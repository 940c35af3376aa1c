/**
 * PostgreSQL behind the Dialect seam: the only file of this folder the rest of Lockstep imports.
 */
import type { Dialect } from "../dialect.js";
import { cacheKey, tableShape } from "./cache.js";
import { lazyEngine } from "./engines/lazy.js";
import { isDatabaseUrl } from "./engines/url.js";
import { RESET_SQL } from "./engines/reset.js";
import { printRows } from "./fingerprint.js";
import { countUnmodelled, introspect, introspectGlobals, introspectTables } from "./introspect.js";
import { locksOutsideTransaction, monitoringHints } from "./guide.js";
import { existingTables, isBlockingLock, LOCK_TIMEOUT_FIX, observe, REWRITE_RULES } from "./observe.js";
import { initParser, isBlank, parseSql } from "./parse.js";
import { ident, literal } from "./render.js";
import { insertSql } from "./seed.js";
import { touchedBy } from "./touched.js";
import { withoutPublic } from "./statements.js";
import {
  isTransactionControl,
  mayHoldOutsideTransactionOnly,
  outsideTransactionOnly,
  STATEMENTS_PER_TRANSACTION,
  transactionControl,
} from "./transactions.js";
import { RULES } from "./rules/index.js";
import { applyToTables, createdRelations } from "./known-tables.js";
import { lintSession } from "./lint-session.js";
import { missingFkIndex } from "./rules/missing-foreign-key-index.js";
import { DEPLOY_NOTES } from "./deploy-notes.js";
import { columnRefs, indexColumns } from "./expressions.js";
import { lockTimeoutStatement, plannedStatement } from "./planned.js";
import { recipeFor } from "./recipes/index.js";

export const postgres: Dialect = {
  name: "postgres",

  // ── Statements ──
  ready: initParser,
  split: parseSql,
  isBlank,
  tableKey: withoutPublic,

  // ── Engines ──
  openEngine: lazyEngine,
  introspect: (db) => introspect(db),
  introspectTables,
  introspectGlobals,
  countUnmodelled,
  isDatabaseUrl,
  readDatabase: async (url) => (await import("./engines/read-only.js")).readDatabase(url),
  clearInTransaction: (db) => db.exec(RESET_SQL),
  cacheKey,
  tableShape,
  errorHint: (err) =>
    /^extension ".+" is not available/.test(err.message) ? " (use --dev-url with a PostgreSQL server that has it)" : "",
  queryIsOneTransaction: true,

  // ── Transactions and locks ──
  isTransactionControl: (stmt) => isTransactionControl(stmt.ast),
  outsideTransactionOnly: (stmt) => outsideTransactionOnly(stmt.ast),
  mayHoldOutsideTransactionOnly,
  statementsPerTransaction: STATEMENTS_PER_TRANSACTION,
  extensionCreated: (stmt) =>
    stmt.kind === "CreateExtensionStmt"
      ? String((stmt.ast.CreateExtensionStmt as { extname: string }).extname)
      : undefined,
  transactionControl,

  // ── Lint ──
  rules: RULES,
  applyToTables,
  createdRelations,
  lintSession,
  missingForeignKeyIndex: missingFkIndex,

  // ── Planner ──
  ident,
  literal,
  recipeFor,
  lockTimeout: lockTimeoutStatement,
  deployNote: (stage) => DEPLOY_NOTES[stage],
  // ALTER TYPE … ADD VALUE runs in a transaction from PostgreSQL 12 on.
  stageInTransaction: (stage, options) => !(stage === "enum" && options.postgresVersion < 12),
  plannedStatement: (sql) => plannedStatement(sql),
  columnRefs,
  indexColumns,
  sameType: (a, b) => a === b,

  // ── Verify ──
  seedSql: insertSql,
  printRows,
  touchedBy,
  enumTypeName: (e) => (e.schema === "public" ? ident(e.name) : `${ident(e.schema)}.${ident(e.name)}`),
  observe,
  existingTables,
  isBlockingLock,
  rewriteRules: REWRITE_RULES,
  lockTimeoutFix: LOCK_TIMEOUT_FIX,
  monitoringHints,
  locksOutsideTransaction,
  // SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation).
  dependsOnValues: (code) => code.startsWith("22") || code.startsWith("23"),
};

/**
 * PostgreSQL behind the Dialect seam: the only file of this folder the rest of Lockstep imports.
 */
import type { Dialect } from "../dialect.js";
import { openEngine } from "../../engines/index.js";
import { introspect } from "./introspect.js";
import { initParser, isBlank, parseSql } from "./parse.js";
import { withoutPublic } from "./statements.js";
import {
  isTransactionControl,
  outsideTransactionOnly,
  STATEMENTS_PER_TRANSACTION,
  transactionControl,
} from "./transactions.js";
import { RULES } from "./rules/index.js";
import { applyToTables, createdRelations } from "./known-tables.js";
import { lintSession } from "./lint-session.js";
import { missingFkIndex } from "./rules/missing-foreign-key-index.js";

export const postgres: Dialect = {
  name: "postgres",

  // ── Statements ──
  ready: initParser,
  split: parseSql,
  isBlank,
  tableKey: withoutPublic,

  // ── Engines ──
  openEngine: (request) => openEngine(request),
  introspect: (db) => introspect(db),

  // ── Transactions and locks ──
  transactionControl,
  isTransactionControl: (stmt) => isTransactionControl(stmt.ast),
  outsideTransactionOnly: (stmt) => outsideTransactionOnly(stmt.ast),
  statementsPerTransaction: STATEMENTS_PER_TRANSACTION,

  // ── Lint ──
  rules: RULES,
  applyToTables,
  createdRelations,
  lintSession,
  missingForeignKeyIndex: missingFkIndex,

  // ── Planner ──

  // ── Verify ──
};

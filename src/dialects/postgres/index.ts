/**
 * PostgreSQL behind the Dialect seam: the only file of this folder the rest of Lockstep imports.
 */
import type { Dialect } from "../dialect.js";
import { openEngine } from "../../engines/index.js";
import { introspect } from "./introspect.js";
import { initParser, isBlank, parseSql } from "./parse.js";
import { DEPLOY_NOTES } from "./deploy-notes.js";
import { columnRefs, indexColumns } from "./expressions.js";
import { lockTimeoutStatement, plannedStatement } from "./planned.js";
import { recipeFor } from "./recipes/index.js";
import { ident } from "./render.js";
import { STATEMENTS_PER_TRANSACTION } from "./transactions.js";

export const postgres: Dialect = {
  name: "postgres",

  // ── Statements ──
  ready: initParser,
  split: parseSql,
  isBlank,

  // ── Engines ──
  openEngine: (request) => openEngine(request),
  introspect: (db) => introspect(db),

  // ── Transactions and locks ──

  // ── Lint ──

  // ── Planner ──
  recipeFor,
  lockTimeout: lockTimeoutStatement,
  statementsPerTransaction: STATEMENTS_PER_TRANSACTION,
  deployNote: (stage) => DEPLOY_NOTES[stage],
  // ALTER TYPE … ADD VALUE runs in a transaction from PostgreSQL 12 on.
  stageInTransaction: (stage, options) => !(stage === "enum" && options.postgresVersion < 12),
  plannedStatement: (sql) => plannedStatement(sql),
  columnRefs,
  indexColumns,
  ident,

  // ── Verify ──
};

/**
 * PostgreSQL behind the Dialect seam: the only file of this folder the rest of Lockstep imports.
 */
import type { Dialect } from "../dialect.js";
import { openEngine } from "../../engines/index.js";
import { introspect } from "./introspect.js";
import { initParser, isBlank, parseSql } from "./parse.js";
import { ident, literal } from "./render.js";
import { mayHoldOutsideTransactionOnly, outsideTransactionOnly } from "./transactions.js";

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
  outsideTransactionOnly: (stmt) => outsideTransactionOnly(stmt.ast),
  mayHoldOutsideTransactionOnly,

  // ── Lint ──

  // ── Planner ──
  ident,
  literal,

  // ── Verify ──
};

import type { ChangeKind, PlannedStatement } from "../../plan/model.js";
import { inTransactionForm } from "./in-transaction.js";
import { createdTables, heavyLockTargets, statementLocks } from "./locks.js";
import { parseSql } from "./parse.js";
import { setLockTimeout } from "./render.js";
import { outsideTransactionOnly } from "./transactions.js";

/**
 * The record of a statement Lockstep writes, made where the recipe hands it over: its one parse,
 * here, says what it locks, what it creates and whether it runs in a transaction, and the record
 * carries that to the steps, the writers and the reports, which parse nothing.
 */
export function plannedStatement(sql: string, change?: ChangeKind): PlannedStatement {
  const parsed = parseSql(sql);
  const transactional = !parsed.some((s) => outsideTransactionOnly(s.ast));
  const forms = transactional ? [] : parsed.map(inTransactionForm);
  return {
    sql,
    ...(change ? { change } : {}),
    transactional,
    // A DO block's locks are those of the statements inside it: not read here.
    ...(parsed.some((s) => s.kind === "DoStmt") ? {} : { lock: parsed.flatMap(statementLocks) }),
    queues: parsed.flatMap(heavyLockTargets),
    creates: parsed.flatMap(createdTables),
    ...(parsed.length > 0 && parsed.every((s) => s.kind === "VariableSetStmt") ? { session: true as const } : {}),
    ...(forms.length && forms.every((f) => f !== undefined) ? { inTransaction: forms.join(";\n") } : {}),
  };
}

/** `SET LOCAL lock_timeout`: what it is is known without a parse. */
export function lockTimeoutStatement(timeout: string): PlannedStatement {
  return { sql: setLockTimeout(timeout), transactional: true, lock: [], queues: [], creates: [], session: true };
}

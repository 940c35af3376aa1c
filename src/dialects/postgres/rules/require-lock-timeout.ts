import { heavyLockTargets } from "../locks.js";
import { accessExclusiveTargets } from "../locks.js";
import { addedConstraint, alterTable, rangeVarName } from "../statements.js";
import type { LintStatement, Rule } from "../../../lint/rule.js";

/**
 * Tables a statement locks strongly enough to queue behind running queries and block the ones
 * after it: ACCESS EXCLUSIVE (most ALTER TABLE forms, DROP, TRUNCATE…), SHARE ROW EXCLUSIVE
 * (ADD FOREIGN KEY, on both tables; CREATE TRIGGER) and SHARE (CREATE INDEX without CONCURRENTLY).
 * ALTER TABLE forms that only take SHARE UPDATE EXCLUSIVE (VALIDATE CONSTRAINT…) are left out.
 */
function heavyTargets(stmt: LintStatement): { tables: string[]; mode: string } {
  const exclusive = accessExclusiveTargets(stmt);
  if (exclusive.length > 0) return { tables: exclusive, mode: "ACCESS EXCLUSIVE" };
  const alter = alterTable(stmt);
  if (alter) {
    const fks = alter.cmds.map(addedConstraint).filter((c) => c?.contype === "CONSTR_FOREIGN");
    const referenced = fks.map((c) => rangeVarName(c!.pktable)).filter((t): t is string => !!t);
    return fks.length
      ? { tables: [alter.table, ...referenced], mode: "SHARE ROW EXCLUSIVE" }
      : { tables: [], mode: "" };
  }
  return { tables: heavyLockTargets(stmt), mode: stmt.kind === "IndexStmt" ? "SHARE" : "SHARE ROW EXCLUSIVE" };
}

export const requireLockTimeout: Rule = {
  meta: {
    name: "require-lock-timeout",
    severity: "warning",
    description: "ACCESS EXCLUSIVE (or SHARE / SHARE ROW EXCLUSIVE) lock with no lock_timeout set earlier",
    docs: "A statement that needs ACCESS EXCLUSIVE waits behind every running query on the table, and while it waits every new query (reads too) queues behind it: one long report can stop the application. Set a lock_timeout first so the migration fails fast instead, and retry.",
  },
  check(stmt, ctx) {
    if (ctx.lockTimeoutSet) return;
    const { tables, mode } = heavyTargets(stmt);
    const existing = tables.filter((t) => ctx.isExisting(t));
    if (existing.length === 0) return;
    ctx.report({
      message: `this statement waits for ${mode} on ${existing.join(", ")} with no lock_timeout: while it waits, every query on ${existing.length > 1 ? "them" : "it"} queues behind it`,
      fix: `SET lock_timeout = '2s'; -- and retry the migration on timeout\n${stmt.sql};`,
    });
  },
};

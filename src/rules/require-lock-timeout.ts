import { accessExclusiveTargets, nodeOf, rangeVarName } from "../dialects/postgres/statements.js";
import type { LintStatement, Rule } from "../lint/rule.js";

/** Tables a statement locks ACCESS EXCLUSIVE or SHARE (CREATE INDEX without CONCURRENTLY). */
function heavyTargets(stmt: LintStatement): { tables: string[]; mode: string } {
  const exclusive = accessExclusiveTargets(stmt);
  if (exclusive.length > 0) return { tables: exclusive, mode: "ACCESS EXCLUSIVE" };
  const node = nodeOf(stmt);
  if (stmt.kind === "IndexStmt" && !node.concurrent) {
    const table = rangeVarName(node.relation);
    return { tables: table ? [table] : [], mode: "SHARE" };
  }
  return { tables: [], mode: "" };
}

export const requireLockTimeout: Rule = {
  meta: {
    name: "require-lock-timeout",
    severity: "warning",
    description: "ACCESS EXCLUSIVE (or SHARE) lock with no lock_timeout set earlier",
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

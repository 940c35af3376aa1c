import { accessExclusiveTargets } from "../locks.js";
import { dmlTarget, nodeOf, rangeVarName } from "../statements.js";
import type { LintContext, LintStatement, Rule } from "../../../lint/rule.js";

/** A schema change on something that existed before the migration (creating new tables is not one). */
function isDdl(stmt: LintStatement, ctx: LintContext): boolean {
  if (stmt.kind === "AlterEnumStmt") return true;
  if (stmt.kind === "IndexStmt") {
    const t = rangeVarName(nodeOf(stmt).relation);
    return !!t && ctx.isExisting(t);
  }
  return accessExclusiveTargets(stmt).some((t) => ctx.isExisting(t));
}

function isDml(stmt: LintStatement, ctx: LintContext): boolean {
  const t = dmlTarget(stmt);
  return !!t && ctx.isExisting(t);
}

/**
 * Whether a transaction block so far holds a schema change and a data change. The runner keeps one
 * array per block and only appends to it, so each block is scanned once in all (a 10,000-statement
 * migration in one transaction stays linear).
 */
interface BlockSeen {
  scanned: number;
  ddl: boolean;
  dml: boolean;
}
const seenByBlock = new WeakMap<readonly LintStatement[], BlockSeen>();

function blockSeen(before: readonly LintStatement[], ctx: LintContext): BlockSeen {
  let seen = seenByBlock.get(before);
  if (!seen) seenByBlock.set(before, (seen = { scanned: 0, ddl: false, dml: false }));
  for (; seen.scanned < before.length; seen.scanned++) {
    const s = before[seen.scanned]!;
    seen.ddl ||= isDdl(s, ctx);
    seen.dml ||= isDml(s, ctx);
  }
  return seen;
}

export const mixedDdlAndDml: Rule = {
  meta: {
    name: "mixed-ddl-and-dml",
    severity: "warning",
    description: "schema change and data change in one transaction",
    docs: "A transaction that changes both schema and data holds the schema change's ACCESS EXCLUSIVE lock for as long as the data change runs, and a failure in either undoes both. Put them in separate migrations.",
  },
  check(stmt, ctx) {
    if (!stmt.inTransaction) return;
    const ddl = isDdl(stmt, ctx);
    const dml = isDml(stmt, ctx);
    if (!ddl && !dml) return;
    // Report once per transaction: at the first statement that mixes the two.
    const before = blockSeen(ctx.transactionSoFar, ctx);
    if (before.ddl && before.dml) return;
    if (!(dml ? before.ddl : before.dml)) return;
    ctx.report({
      message: dml
        ? "this data change runs in the same transaction as a schema change: the schema change's locks are held while it runs"
        : "this schema change runs in the same transaction as a data change: its lock is held until the data change commits",
      fix: "-- split into two migrations: the schema change first, the data change (batched) after",
    });
  },
};

import { alterTable, hasOption, nodeOf } from "../statements.js";
import type { LintStatement, Rule } from "../../../lint/rule.js";

/** CREATE/DROP INDEX CONCURRENTLY, REINDEX … CONCURRENTLY, DETACH PARTITION … CONCURRENTLY. */
function concurrentForm(stmt: LintStatement): string | undefined {
  const node = nodeOf(stmt);
  if (stmt.kind === "IndexStmt" && node.concurrent) return "CREATE INDEX CONCURRENTLY";
  if (stmt.kind === "DropStmt" && node.concurrent) return "DROP INDEX CONCURRENTLY";
  if (stmt.kind === "ReindexStmt" && hasOption(node.params, "concurrently")) return "REINDEX CONCURRENTLY";
  const detach = alterTable(stmt)?.cmds.some(
    (c) => c.subtype === "AT_DetachPartition" && (c.def?.PartitionCmd as { concurrent?: boolean })?.concurrent,
  );
  return detach ? "DETACH PARTITION CONCURRENTLY" : undefined;
}

export const concurrentlyInTransaction: Rule = {
  meta: {
    name: "concurrently-in-transaction",
    severity: "error",
    description: "CONCURRENTLY inside a transaction block",
    docs: "CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION CONCURRENTLY cannot run inside a transaction block: the migration fails at deploy. Put the statement in its own step with the format's no-transaction marker.",
  },
  kinds: ["IndexStmt", "DropStmt", "ReindexStmt", "AlterTableStmt"],
  check(stmt, ctx) {
    const form = concurrentForm(stmt);
    if (!form || !stmt.inTransaction) return;
    ctx.report({
      message: `${form} cannot run inside a transaction block: this migration fails at deploy`,
      fix: `-- in its own migration, marked to run without a transaction:\n${stmt.sql};`,
    });
  },
};

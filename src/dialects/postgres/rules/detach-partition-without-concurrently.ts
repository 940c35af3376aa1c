import { alterTable, rangeVarName } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const detachPartitionWithoutConcurrently: Rule = {
  meta: {
    name: "detach-partition-without-concurrently",
    severity: "warning",
    description: "DETACH PARTITION without CONCURRENTLY (PostgreSQL 14+)",
    docs: "A plain DETACH PARTITION takes ACCESS EXCLUSIVE on the partitioned table: every query on it waits. From PostgreSQL 14, DETACH PARTITION … CONCURRENTLY only takes SHARE UPDATE EXCLUSIVE; run it alone, outside a transaction.",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    if (ctx.postgresVersion < 14) return;
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      const part = cmd.def?.PartitionCmd as { concurrent?: boolean; name?: unknown } | undefined;
      if (cmd.subtype !== "AT_DetachPartition" || part?.concurrent) continue;
      const partition = rangeVarName(part?.name) ?? "<partition>";
      ctx.report({
        message: `DETACH PARTITION ${partition} locks ${alter.table} ACCESS EXCLUSIVE: every query on it waits`,
        fix: `ALTER TABLE ${alter.table} DETACH PARTITION ${partition} CONCURRENTLY; -- alone, outside a transaction`,
      });
    }
  },
};

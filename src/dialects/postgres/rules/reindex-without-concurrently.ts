import { hasOption, nodeOf, rangeVarName } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const reindexWithoutConcurrently: Rule = {
  meta: {
    name: "reindex-without-concurrently",
    severity: "warning",
    description: "REINDEX without CONCURRENTLY (PostgreSQL 12+)",
    docs: "A plain REINDEX blocks writes to the table (and reads that use the index) for the whole rebuild. From PostgreSQL 12, REINDEX … CONCURRENTLY rebuilds without blocking; run it alone, outside a transaction.",
  },
  kinds: ["ReindexStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "ReindexStmt" || ctx.postgresVersion < 12) return;
    const node = nodeOf(stmt);
    if (hasOption(node.params, "concurrently")) return;
    const target = rangeVarName(node.relation);
    if (target && !ctx.isExisting(target)) return;
    ctx.report({
      message: `REINDEX${target ? ` of ${target}` : ""} without CONCURRENTLY blocks writes for the whole rebuild`,
      fix: `${stmt.sql.replace(/^REINDEX\s+(\([^)]*\)\s*)?(TABLE|INDEX|SCHEMA|DATABASE|SYSTEM)\s+/i, (m, _o, kind: string) => `REINDEX ${kind.toUpperCase()} CONCURRENTLY `)}; -- alone, outside a transaction`,
    });
  },
};

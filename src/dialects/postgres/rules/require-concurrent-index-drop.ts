import { dottedName, nodeOf } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const requireConcurrentIndexDrop: Rule = {
  meta: {
    name: "require-concurrent-index-drop",
    severity: "warning",
    description: "DROP INDEX without CONCURRENTLY",
    docs: "A plain DROP INDEX takes ACCESS EXCLUSIVE on the index's table: reads and writes wait for it, and it waits for every running query. DROP INDEX CONCURRENTLY does not block them; run it alone, outside a transaction.",
  },
  kinds: ["DropStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "DropStmt") return;
    const node = nodeOf(stmt);
    if (node.removeType !== "OBJECT_INDEX" || node.concurrent) return;
    const names = ((node.objects ?? []) as unknown[]).map(dottedName).filter((i) => ctx.isExisting(i));
    if (names.length === 0) return;
    ctx.report({
      message: `DROP INDEX ${names.join(", ")} locks its table ACCESS EXCLUSIVE: reads and writes wait`,
      fix: names.map((i) => `DROP INDEX CONCURRENTLY IF EXISTS ${i}; -- alone, outside a transaction`).join("\n"),
    });
  },
};

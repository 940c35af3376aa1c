import { dottedName, nodeOf } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const dropTable: Rule = {
  meta: {
    name: "drop-table",
    severity: "error",
    description: "DROP TABLE (data loss)",
    docs: "DROP TABLE deletes every row, and code still running against the table fails at once. Stop using the table in code, deploy, then drop it in a later migration; a down migration can only recreate the structure, not the data.",
  },
  kinds: ["DropStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "DropStmt") return;
    const node = nodeOf(stmt);
    if (node.removeType !== "OBJECT_TABLE") return;
    const names = ((node.objects ?? []) as unknown[]).map(dottedName).filter((t) => ctx.isExisting(t));
    if (names.length === 0) return;
    ctx.report({
      object: names.join(","),
      message: `DROP TABLE ${names.join(", ")} deletes its data for good, and code still reading it breaks`,
      fix: `-- 1. stop reading and writing ${names.join(", ")} in the application, deploy\n-- 2. in a later migration, after a backup:\n${stmt.sql};`,
    });
  },
};

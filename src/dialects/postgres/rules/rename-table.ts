import { nodeOf, rangeVarName } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const renameTable: Rule = {
  meta: {
    name: "rename-table",
    severity: "error",
    description: "RENAME TABLE",
    docs: "Renaming a table breaks every running instance of the application that still uses the old name. Expand and contract, or rename and leave a compatibility view under the old name until no code uses it.",
  },
  kinds: ["RenameStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "RenameStmt") return;
    const node = nodeOf(stmt);
    if (node.renameType !== "OBJECT_TABLE") return;
    const table = rangeVarName(node.relation);
    if (!table || !ctx.isExisting(table)) return;
    const to = String(node.newname);
    ctx.report({
      object: table,
      message: `renaming ${table} to ${to} breaks running code that still uses ${table}`,
      fix: `${stmt.sql};\nCREATE VIEW ${table} AS SELECT * FROM ${to}; -- until no code uses ${table}`,
    });
  },
};

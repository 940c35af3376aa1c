import { nodeOf, rangeVarName } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";
import { columnRename, isSwapRename } from "./column-swaps.js";

export const renameColumn: Rule = {
  meta: {
    name: "rename-column",
    severity: "error",
    description: "RENAME COLUMN (running code breaks)",
    docs: "Renaming a column breaks every running instance of the application that still uses the old name, from the moment the migration commits until the new code is deployed. Expand and contract: add the new column, dual-write (or a trigger), backfill, switch reads, then drop the old column.",
  },
  kinds: ["RenameStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "RenameStmt") return;
    const node = nodeOf(stmt);
    if (node.renameType !== "OBJECT_COLUMN" || node.relationType !== "OBJECT_TABLE") return;
    const table = rangeVarName(node.relation);
    if (!table || !ctx.isExisting(table)) return;
    // Half of a swap: the column code uses keeps its name.
    if (isSwapRename(columnRename(stmt)!, ctx.transactionSoFar, ctx.followingInTransaction)) return;
    const from = String(node.subname);
    const to = String(node.newname);
    ctx.report({
      object: `${table}.${from}`,
      message: `renaming ${table}.${from} to ${to} breaks running code that still uses ${from}`,
      fix: `ALTER TABLE ${table} ADD COLUMN ${to} <type>;\n-- write both columns (application or trigger), backfill ${to} in batches, switch reads to ${to}, deploy\n-- later: ALTER TABLE ${table} DROP COLUMN ${from};`,
    });
  },
};

import { alterTable } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";
import { isSwappedOut } from "./column-swaps.js";

export const dropColumn: Rule = {
  meta: {
    name: "drop-column",
    severity: "error",
    description: "DROP COLUMN (data loss; running code still selects it)",
    docs: "DROP COLUMN deletes the column's data, and application code that still selects or inserts it fails as soon as the migration commits. Remove the reads and writes first (ignore the column in the ORM), deploy, then drop the column in a later migration.",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== "AT_DropColumn") continue;
      // The old column of a swap: no running code knows its name, its values live on in the new one.
      if (isSwappedOut(alter.table, String(cmd.name), ctx.transactionSoFar)) continue;
      ctx.report({
        object: `${alter.table}.${cmd.name}`,
        message: `dropping ${alter.table}.${cmd.name} deletes its data, and running code that still uses it breaks`,
        fix: `-- 1. stop reading and writing ${alter.table}.${cmd.name} (ORM: ignore the column), deploy\n-- 2. in a later migration:\nALTER TABLE ${alter.table} DROP COLUMN ${cmd.name};`,
      });
    }
  },
};

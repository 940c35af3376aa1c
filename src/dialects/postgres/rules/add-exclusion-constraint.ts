import { addedConstraint, alterTable } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const addExclusionConstraint: Rule = {
  meta: {
    name: "add-exclusion-constraint",
    severity: "warning",
    description: "ADD EXCLUDE on an existing table",
    docs: "An exclusion constraint cannot be added NOT VALID nor from an index built concurrently: it builds its index and checks every row under ACCESS EXCLUSIVE. Schedule it in a maintenance window, or build it on a new table and move the data.",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      if (addedConstraint(cmd)?.contype !== "CONSTR_EXCLUSION") continue;
      ctx.report({
        message: `ADD EXCLUDE on ${alter.table} builds its index and checks every row under ACCESS EXCLUSIVE, and has no NOT VALID form`,
        fix: `-- run in a maintenance window with SET lock_timeout, or create a new table with the constraint and copy ${alter.table} into it`,
      });
    }
  },
};

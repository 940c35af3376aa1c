import { addedConstraint, alterTable } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const addCheckNotValid: Rule = {
  meta: {
    name: "add-check-not-valid",
    severity: "warning",
    description: "ADD CHECK without NOT VALID",
    docs: "Adding a CHECK constraint scans every row under ACCESS EXCLUSIVE: no reads or writes until it is done. Add it NOT VALID (instant), then VALIDATE CONSTRAINT in a later transaction (SHARE UPDATE EXCLUSIVE: reads and writes go on).",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      const con = addedConstraint(cmd);
      if (con?.contype !== "CONSTR_CHECK" || con.skip_validation) continue;
      const name = con.conname ? String(con.conname) : `<constraint name>`;
      ctx.report({
        message: `adding the CHECK scans all of ${alter.table} under ACCESS EXCLUSIVE: reads and writes wait`,
        fix: `${stmt.sql} NOT VALID;\n-- in a later transaction:\nALTER TABLE ${alter.table} VALIDATE CONSTRAINT ${name};`,
      });
    }
  },
};

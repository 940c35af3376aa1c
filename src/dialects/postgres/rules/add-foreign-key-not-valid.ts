import { addedConstraint, alterTable, rangeVarName } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const addForeignKeyNotValid: Rule = {
  meta: {
    name: "add-foreign-key-not-valid",
    severity: "warning",
    description: "ADD FOREIGN KEY without NOT VALID on an existing table",
    docs: "Adding a foreign key checks every row of the table while holding SHARE ROW EXCLUSIVE on it and on the referenced table: writes to both wait for the whole scan. Add it NOT VALID (instant), then VALIDATE CONSTRAINT in a later transaction (it only takes SHARE UPDATE EXCLUSIVE).",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      const con = addedConstraint(cmd);
      if (con?.contype !== "CONSTR_FOREIGN" || con.skip_validation) continue;
      const name = con.conname ? String(con.conname) : `<constraint name>`;
      const sql = stmt.sql.replace(/\s*$/, "");
      ctx.report({
        message: `adding the foreign key scans ${alter.table} and blocks writes to ${alter.table} and ${rangeVarName(con.pktable) ?? "the referenced table"} meanwhile`,
        fix: `${sql} NOT VALID;\n-- in a later transaction:\nALTER TABLE ${alter.table} VALIDATE CONSTRAINT ${name};`,
      });
    }
  },
};

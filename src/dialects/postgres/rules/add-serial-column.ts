import { addedColumn, alterTable, columnConstraints } from "../statements.js";
import { isSerialType } from "../type-names.js";
import type { Rule } from "../../../lint/rule.js";

export const addSerialColumn: Rule = {
  meta: {
    name: "add-serial-column",
    severity: "warning",
    description: "ADD COLUMN serial/bigserial/IDENTITY to an existing table",
    docs: "A serial or identity column draws a value from its sequence for every existing row: the table is rewritten under ACCESS EXCLUSIVE. Build a new table and copy into it, or add a nullable column and fill it in batches before attaching the sequence.",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      const col = addedColumn(cmd);
      if (!col) continue;
      const identity = columnConstraints(col).some((c) => c.contype === "CONSTR_IDENTITY");
      if (!identity && !isSerialType(col.typeName)) continue;
      const name = String(col.colname);
      ctx.report({
        message: `adding ${identity ? "identity" : "serial"} column ${alter.table}.${name} fills every existing row from a sequence: ${alter.table} is rewritten under ACCESS EXCLUSIVE`,
        fix: `ALTER TABLE ${alter.table} ADD COLUMN ${name} bigint; -- nullable, no default\nCREATE SEQUENCE ${alter.table}_${name}_seq OWNED BY ${alter.table}.${name};\nALTER TABLE ${alter.table} ALTER COLUMN ${name} SET DEFAULT nextval('${alter.table}_${name}_seq');\n-- backfill existing rows in batches`,
      });
    }
  },
};

import { addedColumn, alterTable, columnConstraints } from "../statements.js";
import { isSerialType, typeNameOf } from "../type-names.js";
import type { Rule } from "../../../lint/rule.js";

export const addRequiredColumn: Rule = {
  meta: {
    name: "add-required-column",
    severity: "error",
    description: "ADD COLUMN … NOT NULL without DEFAULT on an existing table",
    docs: "A NOT NULL column without a default cannot be added to a table that has rows: the migration fails at deploy (and on an empty staging table it passes, so nobody notices). Add it nullable (or with a non-volatile default), backfill, then enforce NOT NULL via CHECK … NOT VALID, VALIDATE, SET NOT NULL.",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      const col = addedColumn(cmd);
      if (!col) continue;
      const cons = columnConstraints(col);
      const required = cons.some((c) => c.contype === "CONSTR_NOTNULL" || c.contype === "CONSTR_PRIMARY");
      const filled =
        isSerialType(col.typeName) ||
        cons.some((c) => ["CONSTR_DEFAULT", "CONSTR_IDENTITY", "CONSTR_GENERATED"].includes(String(c.contype)));
      if (!required || filled) continue;
      const name = String(col.colname);
      const type = typeNameOf(col.typeName);
      ctx.report({
        object: `${alter.table}.${name}`,
        message: `${alter.table}.${name} is NOT NULL with no DEFAULT: adding it fails on a table that has rows`,
        fix: `ALTER TABLE ${alter.table} ADD COLUMN ${name} ${type};\n-- backfill ${name} in batches, then:\nALTER TABLE ${alter.table} ADD CONSTRAINT ${alter.table}_${name}_not_null CHECK (${name} IS NOT NULL) NOT VALID;\n-- next transaction:\nALTER TABLE ${alter.table} VALIDATE CONSTRAINT ${alter.table}_${name}_not_null;\nALTER TABLE ${alter.table} ALTER COLUMN ${name} SET NOT NULL;\nALTER TABLE ${alter.table} DROP CONSTRAINT ${alter.table}_${name}_not_null;`,
      });
    }
  },
};

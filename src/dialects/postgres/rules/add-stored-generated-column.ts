import { addedColumn, alterTable, columnConstraints } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const addStoredGeneratedColumn: Rule = {
  meta: {
    name: "add-stored-generated-column",
    severity: "warning",
    description: "ADD COLUMN … GENERATED ALWAYS AS … STORED",
    docs: "A stored generated column is computed for every existing row when added: the table is rewritten under ACCESS EXCLUSIVE. Use a plain column filled by a trigger and a batched backfill, or compute it in a view.",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      const col = addedColumn(cmd);
      const gen = col && columnConstraints(col).find((c) => c.contype === "CONSTR_GENERATED");
      if (!col || !gen || (gen.generated_kind !== undefined && gen.generated_kind !== "s")) continue;
      ctx.report({
        message: `adding stored generated column ${alter.table}.${String(col.colname)} rewrites ${alter.table} under ACCESS EXCLUSIVE`,
        fix: `ALTER TABLE ${alter.table} ADD COLUMN ${String(col.colname)} <type>; -- plain column\n-- a BEFORE INSERT OR UPDATE trigger computes it; backfill existing rows in batches (or use a view)`,
      });
    }
  },
};

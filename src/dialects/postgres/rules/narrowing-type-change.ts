import type { Rule } from "../../../lint/rule.js";
import { typeChanges } from "./type-change.js";

export const narrowingTypeChange: Rule = {
  meta: {
    name: "narrowing-type-change",
    severity: "error",
    description: "type change that can lose or reject data",
    docs: "A narrowing type change (varchar(100)→varchar(50), text→integer, bigint→integer, timestamptz→date) fails on the first row that does not fit, or silently rounds values, and rewrites the table under ACCESS EXCLUSIVE. Add a new column, backfill it with an explicit cast, verify, switch the code, drop the old one.",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    for (const t of typeChanges(stmt, ctx)) {
      if (t.change !== "narrowing") continue;
      ctx.report({
        object: `${t.table}.${t.column}`,
        message: `changing ${t.table}.${t.column} from ${t.from} to ${t.to} can reject or lose values (and rewrites the table)`,
        fix: `ALTER TABLE ${t.table} ADD COLUMN ${t.column}_new ${t.to};\n-- backfill in batches: UPDATE ${t.table} SET ${t.column}_new = ${t.column}::${t.to} WHERE …; check the rows that do not fit\n-- switch the code to ${t.column}_new, then drop ${t.column}`,
      });
    }
  },
};

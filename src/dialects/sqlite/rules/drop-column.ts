import type { Rule } from "../../../lint/rule.js";
import { ident } from "../render.js";
import { alterationOf } from "./statement-info.js";

export const dropColumn: Rule = {
  meta: {
    name: "drop-column",
    severity: "error",
    description: "DROP COLUMN (data loss; running code still selects it)",
    docs: "ALTER TABLE … DROP COLUMN deletes the column's data, and application code that still selects or inserts it fails as soon as the migration commits. Remove the reads and writes first (ignore the column in the ORM), deploy, then drop the column in a later migration. On SQLite the drop may also need the table rebuilt (sqlite-table-rebuild) or a newer SQLite (sqlite-drop-column-version).",
  },
  kinds: ["AlterTableDropColumn"],
  check(stmt, ctx) {
    const alteration = alterationOf(stmt);
    if (!alteration || !ctx.isExisting(alteration.table)) return;
    for (const column of alteration.dropped) {
      ctx.report({
        object: `${alteration.table}.${column.name}`,
        message: `dropping ${alteration.table}.${column.name} deletes its data, and running code that still uses it breaks`,
        fix: `-- 1. stop reading and writing ${alteration.table}.${column.name} (ORM: ignore the column), deploy\n-- 2. in a later migration:\nALTER TABLE ${ident(alteration.table)} DROP COLUMN ${ident(column.name)};`,
      });
    }
  },
};

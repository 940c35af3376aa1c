import type { Rule } from "../../../lint/rule.js";
import { ident } from "../render.js";
import type { LintStatement } from "../../../lint/rule.js";
import { infoOf, renamedTable } from "./statement-info.js";

export const dropTable: Rule = {
  meta: {
    name: "drop-table",
    severity: "error",
    description: "DROP TABLE (data loss)",
    docs: "DROP TABLE deletes the table's rows, and running code that still reads or writes it fails at once; with foreign keys on, SQLite also deletes (ON DELETE CASCADE) or refuses for rows of other tables that reference it. Stop using the table in code, deploy, then drop it in a later migration; keep a backup: a down can recreate the structure only.",
  },
  kinds: ["DropTable"],
  check(stmt, ctx) {
    for (const o of infoOf(stmt).effect?.dropped ?? []) {
      if (o.type !== "table" || !ctx.isExisting(o.name) || rebuilt(o.name, stmt.file, ctx.rest)) continue;
      ctx.report({
        object: o.name,
        message: `dropping ${o.name} deletes its rows, and running code that still uses it breaks`,
        fix: `-- 1. stop reading and writing ${o.name}, deploy\n-- 2. back it up, then in a later migration:\nDROP TABLE ${ident(o.name)};`,
      });
    }
  },
};

/** A copy renamed into the dropped table's place later in the file: a rebuild, the rows kept. */
function rebuilt(table: string, file: string, rest: readonly LintStatement[]): boolean {
  return rest.some((s) => s.file === file && renamedTable(s)?.to.toLowerCase() === table.toLowerCase());
}

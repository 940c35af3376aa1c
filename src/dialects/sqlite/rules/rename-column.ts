import type { Rule } from "../../../lint/rule.js";
import { ident } from "../render.js";
import { alterationOf } from "./statement-info.js";

export const renameColumn: Rule = {
  meta: {
    name: "rename-column",
    severity: "error",
    description: "RENAME COLUMN (running code breaks)",
    docs: "ALTER TABLE … RENAME COLUMN breaks every query of the running code that names the old column, the moment it commits. Expand and contract instead: add the new column, write both (or a trigger), backfill, switch reads, then drop the old one in a later migration.",
  },
  kinds: ["AlterTableRenameColumn"],
  check(stmt, ctx) {
    const alteration = alterationOf(stmt);
    if (!alteration || !ctx.isExisting(alteration.table)) return;
    for (const r of alteration.renamed) {
      ctx.report({
        object: `${alteration.table}.${r.from}`,
        message: `renaming ${alteration.table}.${r.from} to ${r.to} breaks running code that still uses ${r.from}`,
        fix: `ALTER TABLE ${ident(alteration.table)} ADD COLUMN ${ident(r.to)} …;\n-- write both, backfill, switch reads, deploy; then drop ${r.from} in a later migration`,
      });
    }
  },
};

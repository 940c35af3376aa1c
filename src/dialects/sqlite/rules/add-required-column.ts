import type { Rule } from "../../../lint/rule.js";
import { ident } from "../render.js";
import { alterationOf } from "./statement-info.js";

export const addRequiredColumn: Rule = {
  meta: {
    name: "add-required-column",
    severity: "error",
    description: "ADD COLUMN … NOT NULL without DEFAULT on an existing table",
    docs: "Adding a NOT NULL column without a default fails on a table that has rows: SQLite refuses it (Cannot add a NOT NULL column with default value NULL), and code that inserts rows without it fails after. Add it with a constant default, or nullable, backfill, and make it NOT NULL through a table rebuild.",
  },
  kinds: ["AlterTableAddColumn"],
  check(stmt, ctx) {
    const alteration = alterationOf(stmt);
    if (!alteration || !ctx.isExisting(alteration.table)) return;
    for (const c of alteration.added) {
      if (!c.notNull || c.default !== undefined || c.hidden === 2 || c.hidden === 3) continue;
      ctx.report({
        object: `${alteration.table}.${c.name}`,
        message: `${alteration.table}.${c.name} is NOT NULL without a default: the ALTER fails on a table with rows`,
        fix: `ALTER TABLE ${ident(alteration.table)} ADD COLUMN ${ident(c.name)} ${c.type} NOT NULL DEFAULT <constant>;\n-- or nullable, backfill, then NOT NULL through a rebuild`,
      });
    }
  },
};

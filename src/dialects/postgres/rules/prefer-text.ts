import type { Rule } from "../../../lint/rule.js";
import { writtenTypes } from "./column-types.js";

export const preferText: Rule = {
  meta: {
    name: "prefer-text",
    severity: "off",
    description: "varchar(n) where text would do (style)",
    docs: "A length limit on varchar is a business rule that is costly to change (narrowing rewrites and can fail); text with a CHECK on length is as fast and easier to change. Off by default.",
  },
  kinds: ["CreateStmt", "AlterTableStmt"],
  check(stmt, ctx) {
    for (const t of writtenTypes(stmt)) {
      if (!(t.name === "varchar" && Array.isArray(t.typeName.typmods))) continue;
      ctx.report({
        message: `${t.table}.${t.column} is varchar(n): changing the limit later is a migration, text with a CHECK is easier to change`,
        fix: `${t.column} text CHECK (char_length(${t.column}) <= n)`,
      });
    }
  },
};

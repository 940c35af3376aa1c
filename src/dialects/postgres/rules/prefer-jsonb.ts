import type { Rule } from "../../../lint/rule.js";
import { writtenTypes } from "./column-types.js";

export const preferJsonb: Rule = {
  meta: {
    name: "prefer-jsonb",
    severity: "off",
    description: "json instead of jsonb (style)",
    docs: "json keeps the text and re-parses it on every use, cannot be indexed with GIN and has no equality; jsonb is the usual choice. Off by default.",
  },
  kinds: ["CreateStmt", "AlterTableStmt"],
  check(stmt, ctx) {
    for (const t of writtenTypes(stmt)) {
      if (!(t.name === "json")) continue;
      ctx.report({
        message: `${t.table}.${t.column} is json: jsonb is indexable and faster to query`,
        fix: `${t.column} jsonb`,
      });
    }
  },
};

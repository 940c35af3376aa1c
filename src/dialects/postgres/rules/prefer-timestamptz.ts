import type { Rule } from "../../../lint/rule.js";
import { writtenTypes } from "./column-types.js";

export const preferTimestamptz: Rule = {
  meta: {
    name: "prefer-timestamptz",
    severity: "off",
    description: "timestamp without time zone (style)",
    docs: "timestamp without time zone stores wall-clock values with no zone: the same instant reads differently per session time zone. timestamptz stores an instant. Off by default.",
  },
  kinds: ["CreateStmt", "AlterTableStmt"],
  check(stmt, ctx) {
    for (const t of writtenTypes(stmt)) {
      if (!(t.name === "timestamp")) continue;
      ctx.report({
        message: `${t.table}.${t.column} is timestamp without time zone: values are ambiguous across time zones`,
        fix: `${t.column} timestamptz`,
      });
    }
  },
};

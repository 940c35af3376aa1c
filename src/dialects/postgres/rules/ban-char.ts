import type { Rule } from "../../../lint/rule.js";
import { writtenTypes } from "./column-types.js";

export const banChar: Rule = {
  meta: {
    name: "ban-char",
    severity: "off",
    description: "char(n) (style)",
    docs: "char(n) pads values with spaces, which leaks into comparisons and lengths, and is no faster than text or varchar. Off by default.",
  },
  kinds: ["CreateStmt", "AlterTableStmt"],
  check(stmt, ctx) {
    for (const t of writtenTypes(stmt)) {
      if (!(t.name === "bpchar")) continue;
      ctx.report({ message: `${t.table}.${t.column} is char(n): values are blank-padded`, fix: `${t.column} text` });
    }
  },
};

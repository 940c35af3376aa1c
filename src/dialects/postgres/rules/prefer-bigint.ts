import type { Rule } from "../../../lint/rule.js";
import { writtenTypes } from "./column-types.js";

export const preferBigint: Rule = {
  meta: {
    name: "prefer-bigint",
    severity: "off",
    description: "integer or smallint keys and counters (style)",
    docs: "integer ids and counters run out at 2^31; moving to bigint later rewrites the table. Prefer bigint. Off by default.",
  },
  kinds: ["CreateStmt", "AlterTableStmt"],
  check(stmt, ctx) {
    for (const t of writtenTypes(stmt)) {
      if (
        !["int4", "int2", "serial", "serial4", "smallserial", "serial2", "int", "integer", "smallint"].includes(t.name)
      )
        continue;
      ctx.report({
        message: `${t.table}.${t.column} is ${t.name}: it runs out at 2^31 (or 2^15), and widening it later rewrites the table`,
        fix: `${t.column} bigint`,
      });
    }
  },
};

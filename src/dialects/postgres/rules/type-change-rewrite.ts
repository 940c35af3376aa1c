import type { Rule } from "../../../lint/rule.js";
import { typeChanges } from "./type-change.js";

export const typeChangeRewrite: Rule = {
  meta: {
    name: "type-change-rewrite",
    severity: "warning",
    description: "ALTER COLUMN TYPE that rewrites the table",
    docs: "Most type changes rewrite the whole table (and rebuild its indexes) under ACCESS EXCLUSIVE: no reads, no writes until it is done. Binary-coercible changes are not flagged (varchar(n)→varchar(m≥n), varchar→text, numeric precision increase keeping scale, cidr→inet). Safe way: add a new column, backfill it in batches, switch the code, drop the old one.",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    for (const t of typeChanges(stmt, ctx)) {
      if (t.change !== "rewrite" && t.change !== "unknown") continue;
      const why =
        t.change === "unknown"
          ? `the current type of ${t.table}.${t.column} is unknown (${ctx.schema ? "not in --schema" : "no --schema"}), so changing it to ${t.to} is taken to rewrite ${t.table}`
          : `changing ${t.table}.${t.column} from ${t.from} to ${t.to} rewrites ${t.table} and its indexes${
              t.from === "timestamp without time zone" &&
              t.to.startsWith("timestamp") &&
              t.to.endsWith("with time zone")
                ? " (from PostgreSQL 12 it does not when the session time zone is UTC: SET TIME ZONE 'UTC' first)"
                : ""
            }`;
      ctx.report({
        message: `${why} under ACCESS EXCLUSIVE: reads and writes wait for the whole rewrite`,
        fix: `ALTER TABLE ${t.table} ADD COLUMN ${t.column}_new ${t.to};\n-- keep it in sync (trigger), backfill in batches, switch the code to ${t.column}_new, then drop ${t.column} and rename`,
      });
    }
  },
};

import { nodeOf } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const dropSchema: Rule = {
  meta: {
    name: "drop-schema",
    severity: "error",
    description: "DROP SCHEMA",
    docs: "DROP SCHEMA removes everything in it (with CASCADE, silently). It has no place in a migration: drop the objects one by one, after their code is gone.",
  },
  kinds: ["DropStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "DropStmt" || nodeOf(stmt).removeType !== "OBJECT_SCHEMA") return;
    ctx.report({
      message: "DROP SCHEMA removes every object in the schema and its data",
      fix: "-- drop the tables one by one, each after the code that uses it is gone (drop-table)",
    });
  },
};

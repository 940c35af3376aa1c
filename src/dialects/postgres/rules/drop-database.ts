import type { Rule } from "../../../lint/rule.js";

export const dropDatabase: Rule = {
  meta: {
    name: "drop-database",
    severity: "error",
    description: "DROP DATABASE",
    docs: "DROP DATABASE removes a whole database. It never belongs in a migration.",
  },
  kinds: ["DropdbStmt"],
  check(stmt, ctx) {
    if (stmt.kind !== "DropdbStmt") return;
    ctx.report({
      message: "DROP DATABASE removes the whole database: never in a migration",
      fix: "-- remove this statement; drop databases by hand, after a backup",
    });
  },
};

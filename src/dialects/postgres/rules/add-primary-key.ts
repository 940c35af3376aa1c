import { addedConstraint, alterTable, stringList } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const addPrimaryKey: Rule = {
  meta: {
    name: "add-primary-key",
    severity: "warning",
    description: "ADD PRIMARY KEY without USING INDEX",
    docs: "ADD PRIMARY KEY builds a unique index (and sets NOT NULL, scanning) under ACCESS EXCLUSIVE. Make the columns NOT NULL safely first, build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD PRIMARY KEY USING INDEX (instant).",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      const con = addedConstraint(cmd);
      if (con?.contype !== "CONSTR_PRIMARY" || con.indexname) continue;
      const cols = stringList(con.keys);
      const name = con.conname ? String(con.conname) : `${alter.table}_pkey`.replace(/\./g, "_");
      ctx.report({
        message: `ADD PRIMARY KEY builds an index on ${alter.table} under ACCESS EXCLUSIVE: reads and writes wait for the build`,
        fix: `-- make ${cols.join(", ")} NOT NULL first (CHECK NOT VALID, VALIDATE, SET NOT NULL)\nCREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${alter.table} (${cols.join(", ")}); -- alone, outside a transaction\nALTER TABLE ${alter.table} ADD CONSTRAINT ${name} PRIMARY KEY USING INDEX ${name};`,
      });
    }
  },
};

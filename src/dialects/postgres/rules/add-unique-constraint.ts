import { addedConstraint, alterTable, stringList } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const addUniqueConstraint: Rule = {
  meta: {
    name: "add-unique-constraint",
    severity: "warning",
    description: "ADD UNIQUE without USING INDEX",
    docs: "ADD UNIQUE builds its index under ACCESS EXCLUSIVE: no reads or writes for the whole build. Build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then attach it: ADD CONSTRAINT … UNIQUE USING INDEX (instant).",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      const con = addedConstraint(cmd);
      if (con?.contype !== "CONSTR_UNIQUE" || con.indexname) continue;
      const cols = stringList(con.keys);
      const name = con.conname ? String(con.conname) : `${alter.table}_${cols.join("_")}_key`.replace(/\./g, "_");
      ctx.report({
        message: `ADD UNIQUE builds an index on ${alter.table} under ACCESS EXCLUSIVE: reads and writes wait for the build`,
        fix: `CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${alter.table} (${cols.join(", ")}); -- alone, outside a transaction\nALTER TABLE ${alter.table} ADD CONSTRAINT ${name} UNIQUE USING INDEX ${name};`,
      });
    }
  },
};

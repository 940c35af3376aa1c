import { alterTable } from "../statements.js";
import type { Rule } from "../../../lint/rule.js";

export const setNotNullScan: Rule = {
  meta: {
    name: "set-not-null-scan",
    severity: "warning",
    description: "SET NOT NULL with no validated CHECK (c IS NOT NULL)",
    docs: "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE to prove no row is null. From PostgreSQL 12 a validated CHECK (c IS NOT NULL) lets it skip the scan: add the CHECK NOT VALID, VALIDATE it in another transaction, SET NOT NULL, then drop the CHECK.",
  },
  kinds: ["AlterTableStmt"],
  check(stmt, ctx) {
    const alter = alterTable(stmt);
    if (!alter || !ctx.isExisting(alter.table)) return;
    for (const cmd of alter.cmds) {
      if (cmd.subtype !== "AT_SetNotNull") continue;
      const column = String(cmd.name);
      if (ctx.postgresVersion >= 12 && ctx.notNullChecked(alter.table, column)) continue;
      const check = `${alter.table}_${column}_not_null`.replace(/\./g, "_");
      ctx.report({
        message:
          ctx.postgresVersion < 12
            ? `SET NOT NULL on ${alter.table}.${column} scans the whole table under ACCESS EXCLUSIVE (before PostgreSQL 12 nothing avoids it)`
            : `SET NOT NULL on ${alter.table}.${column} scans the whole table under ACCESS EXCLUSIVE: no validated CHECK (${column} IS NOT NULL) is known`,
        fix: `ALTER TABLE ${alter.table} ADD CONSTRAINT ${check} CHECK (${column} IS NOT NULL) NOT VALID;\n-- next transaction:\nALTER TABLE ${alter.table} VALIDATE CONSTRAINT ${check};\nALTER TABLE ${alter.table} ALTER COLUMN ${column} SET NOT NULL;\nALTER TABLE ${alter.table} DROP CONSTRAINT ${check};`,
      });
    }
  },
};

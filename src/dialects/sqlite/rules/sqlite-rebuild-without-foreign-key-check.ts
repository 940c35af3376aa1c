import type { LintStatement, Rule } from "../../../lint/rule.js";
import { infoOf, renamedTable } from "./statement-info.js";

export const sqliteRebuildWithoutForeignKeyCheck: Rule = {
  meta: {
    name: "sqlite-rebuild-without-foreign-key-check",
    severity: "warning",
    description:
      "a table rebuild (DROP TABLE, then a copy renamed into its place) with no PRAGMA foreign_key_check after it",
    docs: "A rebuild runs with foreign keys off, so nothing checks that the copied rows still match their parents, nor that other tables' rows still find theirs in the new table. SQLite's documented procedure ends with PRAGMA foreign_key_check before COMMIT: it lists the rows that break a key, and the migration can stop there instead of committing broken references.",
  },
  kinds: ["AlterTableRename"],
  check(stmt, ctx) {
    const renamed = renamedTable(stmt);
    if (!renamed) return;
    const key = renamed.to.toLowerCase();
    // The copy takes the name of a table this migration dropped: a rebuild.
    const dropped = ctx.transactionSoFar
      .concat(ctx.earlier.filter((s) => s.file === stmt.file))
      .some((s) => (infoOf(s).effect?.dropped ?? []).some((o) => o.type === "table" && o.name.toLowerCase() === key));
    if (!dropped || !ctx.isExisting(renamed.to)) return;
    if (ctx.rest.some((s) => s.file === stmt.file && isForeignKeyCheck(s))) return;
    ctx.report({
      object: renamed.to,
      message: `${renamed.to} is rebuilt (dropped, and ${renamed.from} renamed into its place) with no PRAGMA foreign_key_check after it: broken references would be committed`,
      fix: `ALTER TABLE ${renamed.from} RENAME TO ${renamed.to};\n-- indexes, triggers, views again\nPRAGMA foreign_key_check;  -- before COMMIT; stop if it returns rows`,
    });
  },
};

function isForeignKeyCheck(stmt: LintStatement): boolean {
  return infoOf(stmt).pragma?.name.toLowerCase() === "foreign_key_check";
}

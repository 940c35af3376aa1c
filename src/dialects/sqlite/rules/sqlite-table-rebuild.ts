import type { LintContext, LintStatement, Rule } from "../../../lint/rule.js";
import type { Table } from "../../../schema/model.js";
import { ident } from "../render.js";
import { alterationOf, infoOf } from "./statement-info.js";
import { refusalWithRows } from "./with-rows.js";

const FIX = (table: string) =>
  `-- rebuild ${table} (https://www.sqlite.org/lang_altertable.html §7), or let \`lockstep plan\` write it:\n` +
  `PRAGMA foreign_keys=OFF;  -- outside the transaction: inside one it does nothing\n` +
  `BEGIN;\nCREATE TABLE ${ident(`${table}_new`)} (...);  -- the table as it must be\n` +
  `INSERT INTO ${ident(`${table}_new`)} (...) SELECT ... FROM ${ident(table)};\nDROP TABLE ${ident(table)};\n` +
  `ALTER TABLE ${ident(`${table}_new`)} RENAME TO ${ident(table)};\n-- its indexes, triggers and views again\n` +
  `PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys=ON;`;

export const sqliteTableRebuild: Rule = {
  meta: {
    name: "sqlite-table-rebuild",
    severity: "warning",
    description:
      "a change SQLite's ALTER TABLE cannot make in place on a table with rows: it needs the 12-step table rebuild",
    docs: "SQLite's ALTER TABLE adds, renames and drops columns within limits. On a table with rows it refuses ADD COLUMN with a non-constant default (CURRENT_TIMESTAMP, an expression calling a function), NOT NULL without a default, a STORED generated column, or a REFERENCES column with a non-NULL default; it refuses DROP COLUMN on a column that is part of the PRIMARY KEY, UNIQUE, indexed, or named by a CHECK, a table-level FOREIGN KEY, a generated column, a view or a trigger. A test database without rows does not show the failure. Rebuild the table instead: PRAGMA foreign_keys=OFF outside the transaction, create the new table, copy the rows, drop the old one, rename the new one, create its indexes, triggers and views again, PRAGMA foreign_key_check, commit, foreign keys back on (lockstep plan writes it).",
  },
  kinds: ["AlterTableAddColumn", "AlterTableDropColumn", "AlterTable"],
  check(stmt, ctx) {
    const alteration = alterationOf(stmt);
    const error = infoOf(stmt).error;
    if (!alteration) {
      // Refused where it stands in the file, before it could change anything (a CHECK names the column).
      if (error && stmt.kind === "AlterTable")
        ctx.report({
          message: `SQLite refuses this ALTER TABLE (${error}): the table must be rebuilt`,
          fix: FIX("t"),
        });
      return;
    }
    const table = alteration.table;
    const refusal = refusalOf(stmt, ctx, table);
    if (!refusal) return;
    const what = stmt.kind === "AlterTableAddColumn" ? "add" : "drop";
    const column = (what === "add" ? alteration.added : alteration.dropped)[0]?.name ?? "?";
    ctx.report({
      object: `${table}.${column}`,
      message: `SQLite cannot ${what} ${table}.${column} in place (${refusal}): the table must be rebuilt`,
      fix: FIX(table),
    });
  },
};

/** Why SQLite refuses the statement on the table with rows; undefined when it runs in place. */
function refusalOf(stmt: LintStatement, ctx: LintContext, table: string): string | undefined {
  // Refused where it stands in the file (the file made the column UNIQUE): no rows needed for that.
  const error = infoOf(stmt).error;
  if (error) return error;
  const known = ctx.table(table);
  if (stmt.kind === "AlterTableAddColumn") {
    // On a table created in this migration (empty), ADD COLUMN runs.
    return ctx.isExisting(table) ? refusalWithRows(stmt.sql, table, known) : undefined;
  }
  if (!known) return undefined;
  const column = alterationOf(stmt)?.dropped[0]?.name;
  return (column && referencedBy(ctx, known, column)) ?? refusalWithRows(stmt.sql, table, known);
}

/** Another table's foreign key that names the column: dropping it breaks that key. */
function referencedBy(ctx: LintContext, table: Table, column: string): string | undefined {
  for (const other of ctx.schema?.tables ?? []) {
    const now = ctx.table(other.name);
    for (const fk of now?.foreignKeys ?? []) {
      if (fk.references.name.toLowerCase() !== table.name.toLowerCase()) continue;
      if (fk.referencedColumns.some((c) => c.toLowerCase() === column.toLowerCase()))
        return `${other.name}.${fk.columns.join(", ")} references it`;
    }
  }
  return undefined;
}

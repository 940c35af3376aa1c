import { alterTable } from "../statements.js";
import { typeNameOf } from "../type-names.js";
import { classifyTypeChange, type TypeChange } from "../types.js";
import type { LintContext, LintStatement } from "../../../lint/rule.js";

/**
 * The ALTER COLUMN … TYPE commands of a statement on an existing table, each with what it does to
 * the rows: classified from the column's current type when `--schema` knows it, else `unknown`.
 * Shared by type-change-rewrite and narrowing-type-change.
 */
export interface TypeChangeAt {
  readonly table: string;
  readonly column: string;
  readonly from?: string;
  readonly to: string;
  readonly change: TypeChange | "unknown";
}

export function typeChanges(stmt: LintStatement, ctx: LintContext): TypeChangeAt[] {
  const alter = alterTable(stmt);
  if (!alter || !ctx.isExisting(alter.table)) return [];
  return alter.cmds
    .filter((c) => c.subtype === "AT_AlterColumnType")
    .map((cmd) => {
      const column = String(cmd.name);
      const to = typeNameOf((cmd.def?.ColumnDef as Record<string, unknown> | undefined)?.typeName);
      const from = ctx.table(alter.table)?.columns.find((c) => c.name === column)?.type;
      return { table: alter.table, column, from, to, change: from ? classifyTypeChange(from, to) : "unknown" };
    });
}

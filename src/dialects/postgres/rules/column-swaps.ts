/**
 * A column swap in one transaction: `RENAME a TO a_old`, `RENAME a_new TO a` (then, usually,
 * `DROP COLUMN a_old`). Once it commits the table still has a column `a`: code that uses `a` keeps
 * working, so neither rename breaks it, and `a_old` is a name no running code knew. This is how a
 * type change is finished without a rewrite under lock (new column, backfill, swap).
 */
import { nodeOf, rangeVarName, withoutPublic } from "../statements.js";
import type { LintStatement } from "../../../lint/rule.js";

export interface ColumnRename {
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

/** The column rename a statement makes, if it is one. */
export function columnRename(stmt: LintStatement): ColumnRename | undefined {
  if (stmt.kind !== "RenameStmt") return undefined;
  const node = nodeOf(stmt);
  if (node.renameType !== "OBJECT_COLUMN" || node.relationType !== "OBJECT_TABLE") return undefined;
  const table = rangeVarName(node.relation);
  if (!table) return undefined;
  return { table: withoutPublic(table), from: String(node.subname), to: String(node.newname) };
}

function renames(stmts: readonly LintStatement[]): ColumnRename[] {
  return stmts.map(columnRename).filter((r): r is ColumnRename => !!r);
}

/**
 * True when the rename is half of a swap in its transaction: the name it takes away is taken again
 * by a later rename, or the name it takes was given up by an earlier one.
 */
export function isSwapRename(
  rename: ColumnRename,
  earlier: readonly LintStatement[],
  later: readonly LintStatement[],
): boolean {
  const onTable = (r: ColumnRename) => r.table === rename.table;
  return (
    renames(later).some((r) => onTable(r) && r.to === rename.from) ||
    renames(earlier).some((r) => onTable(r) && r.from === rename.to)
  );
}

/** True when `column` of `table` is the old column a swap earlier in the transaction set aside. */
export function isSwappedOut(table: string, column: string, earlier: readonly LintStatement[]): boolean {
  const done = renames(earlier).filter((r) => r.table === withoutPublic(table));
  const setAside = done.find((r) => r.to === column);
  return !!setAside && done.some((r) => r.to === setAside.from);
}

/**
 * Which columns of the schema before a migration are gone (or no longer of their type) by the time
 * a statement runs: dropped, dropped under a name a rename gave them, in a dropped table, or given
 * another type, by the migration's earlier statements.
 */
import { alterTable, dottedName, nodeOf, withoutPublic } from "../statements.js";
import type { LintStatement } from "../../../lint/rule.js";
import { columnRename } from "./column-swaps.js";

/** `table.column` (table as the migration spells it, without `public.`) of the columns gone. */
export function columnsGone(earlier: readonly LintStatement[]): Set<string> {
  const gone = new Set<string>();
  const droppedTables = new Set<string>();
  // Per table: the column's current name → its name before the migration.
  const original = new Map<string, Map<string, string>>();
  const originalOf = (table: string, column: string) => original.get(table)?.get(column) ?? column;
  for (const stmt of earlier) {
    const rename = columnRename(stmt);
    if (rename) {
      const names = original.get(rename.table) ?? new Map<string, string>();
      names.set(rename.to, originalOf(rename.table, rename.from));
      names.delete(rename.from);
      original.set(rename.table, names);
      continue;
    }
    if (stmt.kind === "DropStmt" && nodeOf(stmt).removeType === "OBJECT_TABLE") {
      for (const obj of (nodeOf(stmt).objects ?? []) as unknown[]) droppedTables.add(withoutPublic(dottedName(obj)));
      continue;
    }
    const alter = alterTable(stmt);
    if (!alter) continue;
    const table = withoutPublic(alter.table);
    for (const cmd of alter.cmds)
      if (cmd.subtype === "AT_DropColumn" || cmd.subtype === "AT_AlterColumnType")
        gone.add(`${table}.${originalOf(table, String(cmd.name))}`);
  }
  return new Set([...gone, ...[...droppedTables].map((t) => `${t}.*`)]);
}

/** True when `table.column` (as the schema before names them) is gone. */
export function isGone(gone: ReadonlySet<string>, table: string, column: string): boolean {
  const t = withoutPublic(table);
  return gone.has(`${t}.${column}`) || gone.has(`${t}.*`);
}

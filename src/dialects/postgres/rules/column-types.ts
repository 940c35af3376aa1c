import { alterTable, nodeOf, rangeVarName, type Node } from "../statements.js";
import type { LintStatement } from "../../../lint/rule.js";

/**
 * Column types a statement writes (CREATE TABLE columns, ADD COLUMN, ALTER COLUMN … TYPE), with
 * the type's last name as written (`varchar`, `int4`, `serial`, `timestamptz`…). For the style rules.
 */
export interface WrittenType {
  readonly table: string;
  readonly column: string;
  /** pg_catalog name as the parser gives it: `int4`, `varchar`, `bpchar`, `timestamp`, `serial`. */
  readonly name: string;
  readonly typeName: Node;
}

export function writtenTypes(stmt: LintStatement): WrittenType[] {
  const out: WrittenType[] = [];
  const push = (table: string, column: unknown, typeName: unknown) => {
    const names = ((typeName as Node | undefined)?.names ?? []) as { String?: { sval?: string } }[];
    const name = names[names.length - 1]?.String?.sval;
    if (name && typeof column === "string")
      out.push({
        table,
        column,
        name: names.length === 1 && name === "char" ? '"char"' : name,
        typeName: typeName as Node,
      });
  };
  if (stmt.kind === "CreateStmt") {
    const node = nodeOf(stmt);
    const table = rangeVarName(node.relation) ?? "";
    for (const el of (node.tableElts ?? []) as Node[]) {
      const col = el.ColumnDef as Node | undefined;
      if (col) push(table, col.colname, col.typeName);
    }
  }
  const alter = alterTable(stmt);
  for (const cmd of alter?.cmds ?? []) {
    const col = cmd.def?.ColumnDef as Node | undefined;
    if (!col) continue;
    if (cmd.subtype === "AT_AddColumn") push(alter!.table, col.colname, col.typeName);
    if (cmd.subtype === "AT_AlterColumnType") push(alter!.table, cmd.name, col.typeName);
  }
  return out;
}

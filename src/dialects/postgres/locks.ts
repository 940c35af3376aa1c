import type { SqlStatement } from "./parse.js";

/**
 * Which tables a statement locks heavily enough to queue behind running queries (ACCESS EXCLUSIVE,
 * or SHARE / SHARE ROW EXCLUSIVE), read from its parse tree. Such statements want a lock_timeout.
 */
type Node = Record<string, unknown>;

function relName(rel: unknown): string | undefined {
  const r = rel as { relname?: string; schemaname?: string } | undefined;
  if (!r?.relname) return undefined;
  return r.schemaname ? `${r.schemaname}.${r.relname}` : r.relname;
}

export function heavyLockTargets(stmt: SqlStatement): string[] {
  const node = stmt.ast[stmt.kind] as Node;
  switch (stmt.kind) {
    case "AlterTableStmt":
    case "RenameStmt":
    case "CreateTrigStmt":
      return [relName(node.relation)].filter((x): x is string => !!x);
    case "IndexStmt":
      return node.concurrent ? [] : [relName(node.relation)].filter((x): x is string => !!x);
    case "TruncateStmt":
      return ((node.relations as Node[]) ?? []).map((r) => relName(r.RangeVar)).filter((x): x is string => !!x);
    case "DropStmt": {
      if (node.concurrent || (node.removeType !== "OBJECT_TABLE" && node.removeType !== "OBJECT_INDEX")) return [];
      return ((node.objects as Node[]) ?? []).map((o) =>
        ((o.List as { items?: { String?: { sval?: string } }[] })?.items ?? []).map((i) => i.String?.sval).join("."),
      );
    }
    default:
      return [];
  }
}

/** Tables a statement creates. */
export function createdTables(stmt: SqlStatement): string[] {
  if (stmt.kind !== "CreateStmt") return [];
  const name = relName((stmt.ast.CreateStmt as Node).relation);
  return name ? [name] : [];
}

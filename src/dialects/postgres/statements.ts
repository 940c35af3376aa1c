import type { SqlStatement } from "./parse.js";

/**
 * Small readers over libpg-query parse trees (PostgreSQL 17/18 node shapes), shared by the lint
 * rules: the commands of an ALTER TABLE, the constraints of a column, names of relations and
 * which statements take ACCESS EXCLUSIVE.
 */
export type Node = Record<string, unknown>;

export function nodeOf(stmt: SqlStatement): Node {
  return (stmt.ast[stmt.kind] ?? {}) as Node;
}

/** `users`, `billing.invoices` from a RangeVar (as written). */
export function rangeVarName(rel: unknown): string | undefined {
  const r = rel as { relname?: string; schemaname?: string } | undefined;
  if (!r?.relname) return undefined;
  return r.schemaname ? `${r.schemaname}.${r.relname}` : r.relname;
}

/** A relation name as the default schema spells it (`public.t` and `t` are one table); called per statement, so no regex. */
export function withoutPublic(name: string): string {
  return name.startsWith("public.") ? name.slice(7) : name;
}

/** `a.b` from a list of String nodes (`{List: {items}}` or a bare array). */
export function dottedName(node: unknown): string {
  const items = Array.isArray(node) ? node : ((node as { List?: { items?: unknown[] } })?.List?.items ?? []);
  return (items as { String?: { sval?: string } }[])
    .map((i) => i.String?.sval)
    .filter(Boolean)
    .join(".");
}

export function stringList(node: unknown): string[] {
  return ((node ?? []) as { String?: { sval?: string } }[]).map((i) => i.String?.sval ?? "").filter(Boolean);
}

export interface AlterCmd {
  readonly subtype: string;
  readonly name?: string;
  readonly def?: Node;
  readonly node: Node;
}

/** The table an ALTER TABLE names, and its commands. Undefined for other statements and ALTER INDEX/VIEW… */
const alterTables = new WeakMap<object, { table: string; cmds: AlterCmd[] } | undefined>();

export function alterTable(stmt: SqlStatement): { table: string; cmds: AlterCmd[] } | undefined {
  if (stmt.kind !== "AlterTableStmt") return undefined;
  // Read once per statement: a dozen rules ask for the same ALTER TABLE's commands.
  if (alterTables.has(stmt.ast)) return alterTables.get(stmt.ast);
  const read = readAlterTable(stmt);
  alterTables.set(stmt.ast, read);
  return read;
}

function readAlterTable(stmt: SqlStatement): { table: string; cmds: AlterCmd[] } | undefined {
  const node = nodeOf(stmt);
  if (node.objtype !== undefined && node.objtype !== "OBJECT_TABLE") return undefined;
  const table = rangeVarName(node.relation);
  if (!table) return undefined;
  const cmds = ((node.cmds ?? []) as Node[]).map((c) => {
    const cmd = (c.AlterTableCmd ?? {}) as Node;
    return {
      subtype: String(cmd.subtype),
      name: cmd.name as string | undefined,
      def: cmd.def as Node | undefined,
      node: cmd,
    };
  });
  return { table, cmds };
}

/** The constraint an `ADD CONSTRAINT` command adds. */
export function addedConstraint(cmd: AlterCmd): Node | undefined {
  if (cmd.subtype !== "AT_AddConstraint") return undefined;
  return cmd.def?.Constraint as Node | undefined;
}

/** The column an `ADD COLUMN` command adds. */
export function addedColumn(cmd: AlterCmd): Node | undefined {
  if (cmd.subtype !== "AT_AddColumn") return undefined;
  return cmd.def?.ColumnDef as Node | undefined;
}

/** Constraints written on a column definition (NOT NULL, DEFAULT, IDENTITY, GENERATED, REFERENCES…). */
export function columnConstraints(column: Node): Node[] {
  return ((column.constraints ?? []) as Node[]).map((c) => c.Constraint as Node).filter(Boolean);
}

/** The column a `CHECK (col IS NOT NULL)` constraint proves not null, if it is only that. */
export function notNullCheckColumn(constraint: Node): string | undefined {
  if (constraint.contype !== "CONSTR_CHECK") return undefined;
  const test = (constraint.raw_expr as Node | undefined)?.NullTest as Node | undefined;
  if (test?.nulltesttype !== "IS_NOT_NULL") return undefined;
  const fields = stringList(((test.arg as Node | undefined)?.ColumnRef as Node | undefined)?.fields);
  return fields[fields.length - 1];
}

/** INSERT, UPDATE, DELETE, MERGE: the table whose rows change. */
export function dmlTarget(stmt: SqlStatement): string | undefined {
  if (!["InsertStmt", "UpdateStmt", "DeleteStmt", "MergeStmt"].includes(stmt.kind)) return undefined;
  return rangeVarName(nodeOf(stmt).relation);
}

/** `concurrently` given as an option (REINDEX (CONCURRENTLY) / REINDEX … CONCURRENTLY). */
export function hasOption(params: unknown, name: string): boolean {
  return Array.isArray(params) && params.some((p) => (p as { DefElem?: Node }).DefElem?.defname === name);
}

/** Every node of a given type anywhere below `node`. */
export function findNodes(node: unknown, type: string, out: Node[] = []): Node[] {
  if (Array.isArray(node)) {
    for (const n of node) findNodes(n, type, out);
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === type) out.push(value as Node);
      findNodes(value, type, out);
    }
  }
  return out;
}

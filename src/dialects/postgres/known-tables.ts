/**
 * The tables a folder's earlier migrations built, as far as their parsed statements say (no
 * engine): each CREATE TABLE, ADD / DROP / RENAME COLUMN, ALTER COLUMN TYPE, SET / DROP NOT NULL,
 * RENAME and DROP TABLE updates the table model a later file is linted against. So a widening
 * `varchar(200) → varchar(500)` of a column an earlier file created is known to be instant.
 */
import type { SqlStatement } from "../../schema/statement.js";
import { alterTable, dottedName, nodeOf, type Node, rangeVarName, withoutPublic } from "./statements.js";
import { typeNameOf } from "./type-names.js";
import type { Column, Table } from "../../schema/model.js";

const key = withoutPublic;

/** Applies what `stmt` does to the tables (keyed by `withoutPublic(name)`), in place. */
export function applyToTables(stmt: SqlStatement, tables: Map<string, Table>): void {
  const node = nodeOf(stmt);
  if (stmt.kind === "CreateStmt") {
    const name = rangeVarName(node.relation);
    if (name) tables.set(key(name), createdTable(name, node));
    return;
  }
  if (stmt.kind === "DropStmt" && node.removeType === "OBJECT_TABLE") {
    for (const obj of (node.objects ?? []) as unknown[]) tables.delete(key(dottedName(obj)));
    return;
  }
  if (stmt.kind === "RenameStmt") {
    const name = rangeVarName(node.relation);
    const table = name ? tables.get(key(name)) : undefined;
    if (!name || !table) return;
    if (node.renameType === "OBJECT_TABLE") {
      tables.delete(key(name));
      const schema = (node.relation as Node).schemaname;
      const renamed = schema ? `${String(schema)}.${String(node.newname)}` : String(node.newname);
      tables.set(key(renamed), { ...table, name: String(node.newname) });
    } else if (node.renameType === "OBJECT_COLUMN") {
      const from = String(node.subname);
      tables.set(
        key(name),
        withColumns(table, (c) => (c.name === from ? { ...c, name: String(node.newname) } : c)),
      );
    }
    return;
  }
  const alter = alterTable(stmt);
  const table = alter ? tables.get(key(alter.table)) : undefined;
  if (!alter || !table) return;
  let next = table;
  for (const cmd of alter.cmds) {
    const def = cmd.def?.ColumnDef as Node | undefined;
    const name = String(cmd.name);
    if (cmd.subtype === "AT_AddColumn" && def) next = { ...next, columns: [...next.columns, columnOf(def)] };
    if (cmd.subtype === "AT_DropColumn") next = { ...next, columns: next.columns.filter((c) => c.name !== name) };
    if (cmd.subtype === "AT_AlterColumnType" && def)
      next = withColumns(next, (c) => (c.name === name ? { ...c, type: typeNameOf(def.typeName) } : c));
    if (cmd.subtype === "AT_SetNotNull" || cmd.subtype === "AT_DropNotNull") {
      const notNull = cmd.subtype === "AT_SetNotNull";
      next = withColumns(next, (c) => (c.name === name ? { ...c, notNull } : c));
    }
  }
  tables.set(key(alter.table), next);
}

/** Tables and indexes a statement creates (they share one namespace per schema in pg_class). */
export function createdRelations(stmt: SqlStatement, isNew: (name: string) => boolean): string[] {
  const node = nodeOf(stmt);
  if (stmt.kind === "CreateStmt" || stmt.kind === "CreateTableAsStmt") {
    const rel = stmt.kind === "CreateStmt" ? node.relation : (node.into as Node | undefined)?.rel;
    const name = rangeVarName(rel);
    return name ? [name] : [];
  }
  // A table created in the migration keeps being new under its new name.
  if (stmt.kind === "RenameStmt" && node.renameType === "OBJECT_TABLE") {
    const from = rangeVarName(node.relation);
    return from && isNew(from) ? [String(node.newname)] : [];
  }
  if (stmt.kind === "IndexStmt" && node.idxname) {
    const schema = (node.relation as Node | undefined)?.schemaname;
    return [schema ? `${String(schema)}.${String(node.idxname)}` : String(node.idxname)];
  }
  return [];
}

function withColumns(table: Table, map: (c: Column) => Column): Table {
  return { ...table, columns: table.columns.map(map) };
}

function createdTable(name: string, node: Node): Table {
  const dot = name.lastIndexOf(".");
  const columns = ((node.tableElts ?? []) as Node[])
    .map((el) => el.ColumnDef as Node | undefined)
    .filter((d): d is Node => !!d)
    .map(columnOf);
  return {
    schema: dot < 0 ? "public" : name.slice(0, dot),
    name: dot < 0 ? name : name.slice(dot + 1),
    columns,
    uniques: [],
    foreignKeys: [],
    checks: [],
    exclusions: [],
    indexes: [],
  };
}

function columnOf(def: Node): Column {
  const constraints = ((def.constraints ?? []) as Node[]).map((c) => (c.Constraint ?? {}) as Node);
  const notNull = constraints.some((c) => c.contype === "CONSTR_NOTNULL" || c.contype === "CONSTR_PRIMARY");
  return { name: String(def.colname), type: typeNameOf(def.typeName), notNull };
}

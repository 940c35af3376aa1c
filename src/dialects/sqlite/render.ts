import type { Column, ForeignKey, Index, QName, Table } from "../../schema/model.js";

/**
 * Rendering SQLite SQL. SQLite has no schemas beside `main` (and attached databases Lockstep never
 * makes), so a qualified name is the bare identifier.
 */

const PLAIN = /^[a-z_][a-z0-9_]*$/;

/**
 * Identifiers are quoted unless plainly lower-case; a keyword is quoted too. The list is SQLite's
 * keywords a column or table is likely to be named after; quoting any other is harmless.
 */
const RESERVED = new Set(
  (
    "abort action add after all alter always analyze and as asc attach autoincrement before begin between by " +
    "cascade case cast check collate column commit conflict constraint create cross current current_date " +
    "current_time current_timestamp database default deferrable deferred delete desc detach distinct do drop " +
    "each else end escape except exclude exclusive exists explain fail filter first following for foreign from " +
    "full generated glob group groups having if ignore immediate in index indexed initially inner insert " +
    "instead intersect into is isnull join key last left like limit match materialized natural no not nothing " +
    "notnull null nulls of offset on or order others outer over partition plan pragma preceding primary query " +
    "raise range recursive references regexp reindex release rename replace restrict returning right rollback " +
    "row rows savepoint select set table temp temporary then ties to transaction trigger unbounded union " +
    "unique update using vacuum values view virtual when where window with without"
  ).split(" "),
);

export function ident(name: string): string {
  return PLAIN.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** No schemas in SQLite: the object's own name. */
export function qualified(obj: QName | { readonly name: string }): string {
  return ident(obj.name);
}

export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function columnList(columns: readonly string[]): string {
  return `(${columns.map(ident).join(", ")})`;
}

/**
 * A column as CREATE TABLE or ADD COLUMN writes it. A generated column's expression is not in the
 * pragmas: introspection keeps the column's whole definition as written in `generated`
 * (`total AS (price * qty) STORED`), and it is written back as it is.
 */
export function columnDefinition(col: Column, opts: { primaryKey?: boolean } = {}): string {
  if (col.generated !== undefined) return col.generated;
  const parts = [ident(col.name)];
  if (col.type) parts.push(col.type);
  if (opts.primaryKey) parts.push("PRIMARY KEY");
  // PRIMARY KEY does not imply NOT NULL in SQLite's catalog (not even for the rowid alias): say it
  // exactly when the model does, so the table reads back as it was.
  if (col.notNull) parts.push("NOT NULL");
  if (col.collation) parts.push(`COLLATE ${col.collation}`);
  if (col.default !== undefined) parts.push(`DEFAULT ${col.default}`);
  return parts.join(" ");
}

function references(fk: ForeignKey): string {
  let sql = `REFERENCES ${qualified(fk.references)}`;
  if (fk.referencedColumns.length) sql += ` ${columnList(fk.referencedColumns)}`;
  if (fk.onDelete !== "NO ACTION") sql += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== "NO ACTION") sql += ` ON UPDATE ${fk.onUpdate}`;
  if (fk.deferrable) sql += ` DEFERRABLE INITIALLY ${fk.initiallyDeferred ? "DEFERRED" : "IMMEDIATE"}`;
  return sql;
}

/**
 * CREATE TABLE from the model. A one-column primary key is written on its column (so that
 * `INTEGER PRIMARY KEY` stays the rowid alias it was); other keys, uniques, foreign keys and checks
 * as table constraints. `name` renames the table (the rebuild's `t_new`).
 */
export function createTable(table: Table, name = table.name): string {
  const pk = table.primaryKey?.columns;
  const inlinePk = pk?.length === 1 ? pk[0] : undefined;
  const lines = table.columns.map((c) => columnDefinition(c, { primaryKey: c.name === inlinePk }));
  if (pk && !inlinePk) lines.push(`PRIMARY KEY ${columnList(pk)}`);
  for (const u of table.uniques) lines.push(`UNIQUE ${columnList(u.columns)}`);
  for (const fk of table.foreignKeys) lines.push(`FOREIGN KEY ${columnList(fk.columns)} ${references(fk)}`);
  for (const ck of table.checks) lines.push(ck.definition);
  return `CREATE TABLE ${ident(name)} (\n  ${lines.join(",\n  ")}\n)`;
}

/** CREATE INDEX from the keys; with an expression key, the text SQLite stored (`definition`). */
export function createIndex(index: Index, table: QName): string {
  if (index.keys.includes(EXPRESSION_KEY)) return index.definition;
  const where = index.predicate ? ` WHERE ${index.predicate}` : "";
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${ident(index.name)} ON ${qualified(table)} (${index.keys.join(", ")})${where}`;
}

/** An index key SQLite's pragmas give no text for: an expression. */
export const EXPRESSION_KEY = "<expression>";

export function dropIndex(index: { readonly name: string }): string {
  return `DROP INDEX ${ident(index.name)}`;
}

export function dropTable(table: QName): string {
  return `DROP TABLE ${qualified(table)}`;
}

export function renameTable(from: QName, to: string): string {
  return `ALTER TABLE ${qualified(from)} RENAME TO ${ident(to)}`;
}

export function addColumn(table: QName, col: Column): string {
  return `ALTER TABLE ${qualified(table)} ADD COLUMN ${columnDefinition(col)}`;
}

export function dropColumn(table: QName, column: string): string {
  return `ALTER TABLE ${qualified(table)} DROP COLUMN ${ident(column)}`;
}

export function renameColumn(table: QName, from: string, to: string): string {
  return `ALTER TABLE ${qualified(table)} RENAME COLUMN ${ident(from)} TO ${ident(to)}`;
}

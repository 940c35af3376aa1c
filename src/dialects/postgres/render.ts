import { QuoteUtils } from "pgsql-deparser";
import type { Column, ForeignKey, Index, QName, Table } from "../../schema/model.js";

/**
 * SQL text for PostgreSQL objects. Identifiers are quoted exactly when PostgreSQL needs it
 * (mixed case, keywords), objects in `public` are left unqualified as people write them.
 */

export function ident(name: string): string {
  return QuoteUtils.quoteIdentifier(name);
}

export function qualified(obj: QName): string {
  return obj.schema === "public" ? ident(obj.name) : `${ident(obj.schema)}.${ident(obj.name)}`;
}

export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function columnList(columns: readonly string[]): string {
  return columns.map(ident).join(", ");
}

const SERIAL: Record<string, string> = { integer: "serial", bigint: "bigserial", smallint: "smallserial" };

/** A serial column: it owns `<table>_<column>_seq` and takes its default from it. */
export function serialType(table: QName, col: Column): string | undefined {
  const seq = col.ownedSequence;
  if (!seq || !col.default || !SERIAL[col.type]) return undefined;
  const expected = `${table.name}_${col.name}_seq`;
  if (seq.name !== expected || seq.schema !== table.schema) return undefined;
  const seqRef = table.schema === "public" ? ident(expected) : `${ident(table.schema)}.${ident(expected)}`;
  return col.default === `nextval('${seqRef.replace(/'/g, "''")}'::regclass)` ? SERIAL[col.type] : undefined;
}

/** The column as it stands in CREATE TABLE or ADD COLUMN. */
export function columnDefinition(
  table: QName,
  col: Column,
  options: { withNotNull?: boolean; withDefault?: boolean } = {},
): string {
  const { withNotNull = true, withDefault = true } = options;
  const serial = serialType(table, col);
  const parts = [ident(col.name), serial ?? col.type];
  if (col.collation) parts.push(`COLLATE ${ident(col.collation)}`);
  if (col.identity) parts.push(`GENERATED ${col.identity.toUpperCase()} AS IDENTITY`);
  if (col.generated) parts.push(`GENERATED ALWAYS AS (${col.generated}) STORED`);
  if (col.default && !serial && withDefault) parts.push(`DEFAULT ${col.default}`);
  if (col.notNull && withNotNull && !col.identity && !serial) parts.push("NOT NULL");
  return parts.join(" ");
}

/** CREATE TABLE with columns and the constraints that live on the table alone (not foreign keys). */
export function createTable(table: Table): string {
  const lines = table.columns.map((c) => `  ${columnDefinition(table, c)}`);
  if (table.primaryKey)
    lines.push(`  CONSTRAINT ${ident(table.primaryKey.name)} PRIMARY KEY (${columnList(table.primaryKey.columns)})`);
  for (const u of table.uniques) lines.push(`  CONSTRAINT ${ident(u.name)} ${u.definition}`);
  for (const c of table.checks)
    lines.push(`  CONSTRAINT ${ident(c.name)} ${c.definition}${c.validated ? "" : " NOT VALID"}`);
  for (const x of table.exclusions) lines.push(`  CONSTRAINT ${ident(x.name)} ${x.definition}`);
  return `CREATE TABLE ${qualified(table)} (\n${lines.join(",\n")}\n)`;
}

export function alterTable(table: QName, action: string): string {
  return `ALTER TABLE ${qualified(table)} ${action}`;
}

export function addForeignKey(table: QName, fk: ForeignKey, notValid = !fk.validated): string {
  return alterTable(table, `ADD CONSTRAINT ${ident(fk.name)} ${fk.definition}${notValid ? " NOT VALID" : ""}`);
}

export function dropConstraint(table: QName, name: string): string {
  return alterTable(table, `DROP CONSTRAINT ${ident(name)}`);
}

/** The index's own CREATE statement, optionally CONCURRENTLY. */
export function createIndex(index: Index, concurrently = false): string {
  // The catalog's spelling, minus what people leave out: `public.` and the default method.
  const def = index.definition.replace(/ ON (ONLY )?public\./, " ON $1").replace(/ USING btree \(/, " (");
  return concurrently ? def.replace(/^CREATE (UNIQUE )?INDEX /, "CREATE $1INDEX CONCURRENTLY ") : def;
}

export function dropIndex(table: QName, index: { name: string }, concurrently = false): string {
  const name = qualified({ schema: table.schema, name: index.name });
  return `DROP INDEX ${concurrently ? "CONCURRENTLY " : ""}${name}`;
}

export function setLockTimeout(timeout: string): string {
  // LOCAL: it ends with the step's transaction (explicit, or the implicit one of a multi-statement
  // script as Prisma and golang-migrate send it), so it never reaches a later CONCURRENTLY step that
  // runs on the same connection (dbmate and Prisma apply every pending migration on one).
  return `SET LOCAL lock_timeout = ${literal(timeout)}`;
}

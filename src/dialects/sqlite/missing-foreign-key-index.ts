import type { Finding } from "../../schema/finding.js";
import { displayName, type ForeignKey, type Table } from "../../schema/model.js";
import { columnList, EXPRESSION_KEY, ident } from "./render.js";

/** `missing-foreign-key-index` on SQLite: no index, primary key or UNIQUE leads with the key's columns. */
export function missingForeignKeyIndex(table: Table, fk: ForeignKey): Finding | undefined {
  const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
  const leads = (cols: readonly (string | undefined)[]) => fk.columns.every((c, i) => same(cols[i], c));
  const covered =
    (table.primaryKey && leads(table.primaryKey.columns)) ||
    table.uniques.some((u) => leads(u.columns)) ||
    // A partial index covers some rows only.
    table.indexes.some((i) => !i.predicate && leads(i.keys.map(keyColumn)));
  if (covered) return undefined;
  const name = `${displayName(table)}(${fk.columns.join(", ")})`;
  return {
    rule: "missing-foreign-key-index",
    severity: "info",
    message: `no index leads with ${name}: joins, and deletes or updates of ${displayName(fk.references)} with foreign keys on, scan ${displayName(table)}`,
    fix: `CREATE INDEX ${ident(`${table.name}_${fk.columns.join("_")}_idx`)} ON ${ident(table.name)} ${columnList(fk.columns)};`,
    table: displayName(table),
  };
}

/** The column an index key (as introspection writes it: `ident(name)` then COLLATE / DESC) reads. */
function keyColumn(key: string): string | undefined {
  if (key === EXPRESSION_KEY) return undefined;
  const quoted = /^"((?:[^"]|"")*)"/.exec(key);
  return quoted ? quoted[1]!.replace(/""/g, '"') : key.split(" ")[0];
}

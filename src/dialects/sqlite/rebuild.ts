import type { Table } from "../../schema/model.js";
import { createIndex, createTable, ident } from "./render.js";

/**
 * The table rebuild SQLite documents for what ALTER TABLE cannot do
 * (https://www.sqlite.org/lang_altertable.html §7): with foreign keys off — which does nothing
 * inside a transaction, so before it — create the new table, copy the rows, drop the old one,
 * rename the new one into its place, create its indexes, triggers and views again, check the
 * foreign keys, commit, and turn them back on.
 *
 * Not `ALTER TABLE t RENAME TO t_old` first: since 3.26 that rewrites the REFERENCES of other
 * tables to `t_old` (conformance sqlite-plan/03). Views and triggers are not in the model: the
 * caller passes their CREATE statements (as `sqlite_schema.sql` holds them) in `dependents`.
 */
export interface Rebuild {
  /** Runs outside a transaction. */
  readonly before: readonly string[];
  /** Runs in one transaction (BEGIN and COMMIT included). */
  readonly transaction: readonly string[];
  /** Runs outside a transaction, after the commit. */
  readonly after: readonly string[];
}

export interface Dependent {
  readonly type: "view" | "trigger";
  readonly name: string;
  /** Its CREATE statement. */
  readonly sql: string;
}

export interface RebuildOptions {
  /** The new column's value from the old row (`CAST(rating AS REAL)`); by default the same-named column. */
  readonly copy?: Readonly<Record<string, string>>;
  readonly dependents?: readonly Dependent[];
}

/** The temporary name the new table is built under. */
export function rebuildName(table: string): string {
  return `${table}_new`;
}

export function rebuildTable(from: Table, to: Table, options: RebuildOptions = {}): Rebuild {
  const temp = rebuildName(to.name);
  const old = new Set(from.columns.map((c) => c.name));
  const copied = to.columns.filter((c) => c.generated === undefined && (options.copy?.[c.name] ?? old.has(c.name)));
  const targets = copied.map((c) => ident(c.name)).join(", ");
  const sources = copied.map((c) => options.copy?.[c.name] ?? ident(c.name)).join(", ");
  const dependents = options.dependents ?? [];
  return {
    before: ["PRAGMA foreign_keys=OFF"],
    transaction: [
      "BEGIN",
      // Views naming the table would stop ALTER TABLE … RENAME while it is gone; its triggers go with it.
      ...dependents.filter((d) => d.type === "view").map((d) => `DROP VIEW ${ident(d.name)}`),
      createTable(to, temp),
      `INSERT INTO ${ident(temp)} (${targets}) SELECT ${sources} FROM ${ident(from.name)}`,
      `DROP TABLE ${ident(from.name)}`,
      `ALTER TABLE ${ident(temp)} RENAME TO ${ident(to.name)}`,
      ...to.indexes.map((i) => createIndex(i, to)),
      ...dependents.map((d) => d.sql),
      "PRAGMA foreign_key_check",
      "COMMIT",
    ],
    after: ["PRAGMA foreign_keys=ON"],
  };
}

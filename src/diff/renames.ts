import type { QName, Schema } from "../schema/model.js";
import { findTable } from "../schema/model.js";
import { InputError } from "../util/errors.js";

/**
 * Renames the user confirmed (`--rename users.name=full_name`, `--rename orders=purchases`) and
 * pairs the user said are not renames (`--not-renamed users.name=full_name`). Renames are never
 * guessed: without these, a drop plus an add stays a drop plus an add, reported as a possible rename.
 */
export interface Renames {
  /** Old table key (`schema.name`) → new table name (same schema). */
  readonly tables: ReadonlyMap<string, QName>;
  /** Table key (the table's new name) → old column → new column. */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Pairs declared not renames: `schema.table.old_column=new_column` and `schema.old_table=new_table`. */
  readonly distinct: ReadonlySet<string>;
}

export const noRenames: Renames = { tables: new Map(), columns: new Map(), distinct: new Set() };

export function tableKey(t: QName): string {
  return `${t.schema}.${t.name}`;
}

function splitTable(name: string): QName {
  const dot = name.indexOf(".");
  return dot < 0 ? { schema: "public", name } : { schema: name.slice(0, dot), name: name.slice(dot + 1) };
}

/**
 * Reads `--rename` specs against the current schema: `table.old=new` is a column rename when the
 * table has that column, otherwise `schema.old=new` or `old=new` is a table rename.
 */
export function parseRenames(specs: readonly string[], distinctSpecs: readonly string[], from: Schema): Renames {
  const tables = new Map<string, QName>();
  const columns = new Map<string, Map<string, string>>();
  for (const spec of specs) {
    const m = /^([^=]+)=([^=]+)$/.exec(spec.trim());
    if (!m) throw new InputError(`--rename ${spec}: expected table.old_column=new_column or old_table=new_table`);
    const left = m[1]!.trim();
    const right = m[2]!.trim();
    const dot = left.lastIndexOf(".");
    const asColumn = dot > 0 ? { table: splitTable(left.slice(0, dot)), column: left.slice(dot + 1) } : undefined;
    const table = asColumn && findTable(from, asColumn.table);
    if (asColumn && table?.columns.some((c) => c.name === asColumn.column)) {
      const key = tableKey(asColumn.table);
      const map = columns.get(key) ?? new Map<string, string>();
      map.set(asColumn.column, right);
      columns.set(key, map);
      continue;
    }
    const old = splitTable(left);
    if (!findTable(from, old))
      throw new InputError(`--rename ${spec}: the current schema has no table or column ${left}`);
    tables.set(tableKey(old), { schema: old.schema, name: right });
  }
  // Column renames name the table as it is now; key them by the table's new name, where the diff meets them.
  const byNewName = new Map<string, Map<string, string>>();
  for (const [key, map] of columns) {
    const renamedTo = tables.get(key);
    byNewName.set(renamedTo ? tableKey(renamedTo) : key, map);
  }
  const distinct = new Set<string>();
  for (const spec of distinctSpecs) {
    const m = /^([^=]+)=([^=]+)$/.exec(spec.trim());
    if (!m) throw new InputError(`--not-renamed ${spec}: expected table.old_column=new_column or old_table=new_table`);
    const left = m[1]!.trim();
    const right = m[2]!.trim();
    const dot = left.lastIndexOf(".");
    const table = dot > 0 ? findTable(from, splitTable(left.slice(0, dot))) : undefined;
    if (table?.columns.some((c) => c.name === left.slice(dot + 1))) {
      distinct.add(`${tableKey(table)}.${left.slice(dot + 1)}=${right}`);
    } else if (findTable(from, splitTable(left))) {
      distinct.add(`${tableKey(splitTable(left))}=${right}`);
    } else {
      throw new InputError(`--not-renamed ${spec}: the current schema has no table or column ${left}`);
    }
  }
  return { tables, columns: byNewName, distinct };
}

import type { ForeignKey, Table } from "../schema/model.js";
import { sameName } from "../schema/model.js";

/** The seeding INSERT's columns so far: names, the value of each, the joins they read from. */
export interface SeedColumns {
  readonly names: string[];
  readonly values: string[];
  readonly joins: string[];
  /** Columns already given a value (by a foreign key). */
  readonly taken: Set<string>;
}

/**
 * The columns a table's foreign keys fill from their parents' rows, one join per key (`parentRows`
 * writes it in the dialect's SQL, aliased `p<i>`), for every dialect's seeding: a self-reference,
 * or a key over a column another key already fills, is left to the column's own value.
 */
export function parentKeyColumns(
  t: Table,
  ident: (name: string) => string,
  parentRows: (fk: ForeignKey, alias: string) => string,
): SeedColumns {
  const seeded: SeedColumns = { names: [], values: [], joins: [], taken: new Set() };
  t.foreignKeys.forEach((fk, i) => {
    if (sameName(fk.references, t) || fk.columns.some((c) => seeded.taken.has(c))) return;
    seeded.joins.push(parentRows(fk, `p${i}`));
    fk.columns.forEach((c, k) => {
      seeded.taken.add(c);
      seeded.names.push(ident(c));
      seeded.values.push(`p${i}.${ident(fk.referencedColumns[k]!)}`);
    });
  });
  return seeded;
}

import type { Dialect } from "../dialects/dialect.js";
import type { Database } from "../engines/engine.js";
import type { Table } from "../schema/model.js";
import { displayName } from "../schema/model.js";

/**
 * A cheap, order-independent print of a table's rows: how many, and per column how many values
 * and the sum of their hashes (the dialect's fingerprint query), so a rewrite that keeps the values
 * keeps the print.
 */
export interface TablePrint {
  readonly rows: number;
  /** Column → its type and `count:hash-sum` of its values. */
  readonly columns: ReadonlyMap<string, { readonly type: string; readonly sum: string }>;
}

/** Table (as people name it: `users`, `billing.invoices`) → its print. */
export type Prints = ReadonlyMap<string, TablePrint>;

/** One table's print as the dialect reads it: its display name, its rows, `count:hash-sum` per column in order. */
export interface PrintRow {
  readonly t: string;
  readonly n: number;
  readonly c: readonly string[];
}

export async function fingerprint(db: Database, tables: readonly Table[], dialect: Dialect): Promise<Prints> {
  const prints = new Map<string, TablePrint>();
  if (tables.length === 0) return prints;
  const rows = await dialect.printRows(db, tables);
  for (const r of rows) {
    const table = tables.find((t) => displayName(t) === r.t)!;
    prints.set(r.t, {
      rows: Number(r.n),
      columns: new Map(table.columns.map((c, i) => [c.name, { type: c.type, sum: r.c[i] ?? "" }])),
    });
  }
  return prints;
}

/** What of the rows in `before` did not come through to `after`, one entry per table or column. */
export interface Loss {
  readonly table: string;
  readonly column?: string;
  /** What happened to it: "dropped with its 200 rows", "values changed"… */
  readonly what: string;
}

export function losses(before: Prints, after: Prints): Loss[] {
  const out: Loss[] = [];
  const unmatched = [...after.keys()].filter((k) => !before.has(k));
  for (const [table, b] of before) {
    if (b.rows === 0) continue;
    const a = after.get(table);
    // A table renamed keeps its rows: a new table with the same print is taken for it.
    if (!a) {
      const renamed = unmatched.find((k) => samePrint(b, after.get(k)!));
      if (renamed) continue;
      out.push({ table, what: `dropped with its ${b.rows} rows` });
      continue;
    }
    if (a.rows < b.rows) out.push({ table, what: `${b.rows - a.rows} of its ${b.rows} rows are gone` });
    const newColumns = [...a.columns].filter(([name]) => !b.columns.has(name));
    for (const [column, bc] of b.columns) {
      if (bc.sum.startsWith("0:")) continue;
      const ac = a.columns.get(column);
      if (!ac) {
        // A column renamed keeps its values: a new column with the same print is taken for it.
        if (!newColumns.some(([, nc]) => nc.sum === bc.sum))
          out.push({ table, column, what: "dropped with its values" });
      } else if (ac.sum.startsWith("0:")) out.push({ table, column, what: "values lost (the column is empty)" });
      else if (ac.type === bc.type && ac.sum !== bc.sum && a.rows >= b.rows)
        out.push({ table, column, what: "values changed" });
    }
  }
  return out;
}

function samePrint(a: TablePrint, b: TablePrint): boolean {
  if (a.rows !== b.rows) return false;
  const sums = new Set([...b.columns.values()].map((c) => c.sum));
  return [...a.columns.values()].every((c) => sums.has(c.sum));
}

/** `users` or `users.email`: how a loss is named. */
export function lossKey(l: Loss): string {
  return l.column ? `${l.table}.${l.column}` : l.table;
}

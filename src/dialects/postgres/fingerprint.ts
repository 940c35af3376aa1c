import type { Database } from "../../engines/engine.js";
import { displayName, type Table } from "../../schema/model.js";
import type { PrintRow } from "../../verify/fingerprint.js";
import { ident, literal, qualified } from "./render.js";

/**
 * Each table's print in one query: its rows, and per column how many values and the sum of their
 * hashes (`hashtext(value::text)`), so a rewrite that keeps the values keeps the print.
 */
export function printRows(db: Database, tables: readonly Table[]): Promise<PrintRow[]> {
  const parts = tables.map((t) => {
    const sums = t.columns.map(
      (c) => `count(${ident(c.name)}) || ':' || coalesce(sum(hashtext(${ident(c.name)}::text)::bigint), 0)`,
    );
    return `SELECT ${literal(displayName(t))} AS t, count(*)::int AS n, ARRAY[${sums.join(", ")}]::text[] AS c FROM ${qualified(t)}`;
  });
  return db.query<PrintRow>(parts.join("\nUNION ALL\n"));
}

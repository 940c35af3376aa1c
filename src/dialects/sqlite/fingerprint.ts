import type { Database } from "../../engines/engine.js";
import { displayName, type Table } from "../../schema/model.js";
import type { PrintRow } from "../../verify/fingerprint.js";
import { SqliteDatabase } from "./engine.js";
import { ident, literal } from "./render.js";

/** The SQL function the print sums: a 32-bit FNV-1a hash of a value's `quote()` text. */
const HASH = "lockstep_hash";

/**
 * Each table's print in one query: its rows, and per column how many values and the sum of their
 * hashes. SQLite has no hash function of its own, so one is registered on the connection; a value
 * is hashed as `quote(value)` (`'1'` and `1` differ, as the stored values do), so a rebuild that
 * keeps the values keeps the print, and a down that loses or changes them does not.
 */
export async function printRows(db: Database, tables: readonly Table[]): Promise<PrintRow[]> {
  if (tables.length === 0) return [];
  register(db);
  const parts = tables.map((t) => {
    const sums = t.columns.map(
      (c) => `count(${ident(c.name)}) || ':' || coalesce(sum(${HASH}(quote(${ident(c.name)}))), 0)`,
    );
    return `SELECT ${literal(displayName(t))} AS t, count(*) AS n, json_array(${sums.join(", ")}) AS c FROM ${ident(t.name)}`;
  });
  const rows = await db.query<{ t: string; n: number; c: string }>(parts.join("\nUNION ALL\n"));
  return rows.map((r) => ({ t: r.t, n: Number(r.n), c: JSON.parse(r.c) as string[] }));
}

const registered = new WeakSet<object>();

function register(db: Database): void {
  if (!(db instanceof SqliteDatabase)) throw new Error("SQLite's fingerprint needs a database of its own engine");
  const handle = db.handle;
  if (registered.has(handle)) return;
  handle.create_function(HASH, (value: unknown) => fnv1a(String(value)));
  registered.add(handle);
}

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

import type { Dialect } from "../dialects/dialect.js";
import { EngineError } from "../engines/engine.js";
import type { Database } from "../engines/engine.js";
import type { Schema, Table } from "../schema/model.js";
import { displayName, sameName } from "../schema/model.js";

/** Rows seeded per table before a migration under test, unless the request says otherwise (`--rows`). */
export const DEFAULT_ROWS = 200;

/**
 * Rows for the data-preservation check: one statement per table from the dialect (its seeding
 * values), parents first. A table whose constraints refuse the values is tried again with fewer
 * rows, then left empty with a note: never a crash.
 */
export interface SeedNote {
  readonly table: string;
  readonly reason: string;
}

export async function seedTables(
  db: Database,
  schema: Schema,
  tables: readonly Table[],
  rows: number,
  dialect: Dialect,
): Promise<SeedNote[]> {
  const notes: SeedNote[] = [];
  for (const t of parentsFirst(tables)) {
    let last = "";
    for (const n of rows > 1 ? [rows, 1] : [rows]) {
      try {
        await db.exec(dialect.seedSql(t, schema, n));
        last = "";
        break;
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
        last = err.message;
      }
    }
    if (last) notes.push({ table: displayName(t), reason: last });
  }
  return notes;
}

/** Tables in an order where every table comes after those of them its foreign keys point at. */
export function parentsFirst(tables: readonly Table[]): Table[] {
  const out: Table[] = [];
  const seen = new Set<Table>();
  const visit = (t: Table, path: Set<Table>) => {
    if (seen.has(t) || path.has(t)) return;
    path.add(t);
    for (const fk of t.foreignKeys) {
      const parent = tables.find((p) => sameName(p, fk.references));
      if (parent) visit(parent, path);
    }
    seen.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

import type { Dialect } from "../dialects/dialect.js";
import type { Database } from "../engines/engine.js";
import type { Schema, Table } from "../schema/model.js";
import type { Touched } from "./touched.js";

const keyOf = (t: Table) => `${t.schema}.${t.name}`;

/**
 * The schema now, read back after a pass of a migration that touches only `touched`: those
 * tables (and the globals, if it may change them) are read from the catalog, the rest is taken
 * from `known`, the schema before. Without `touched`, everything is read.
 */
export async function readBack(
  db: Database,
  known: Schema,
  touched: Touched | undefined,
  dialect: Dialect,
): Promise<Schema> {
  if (!touched) return dialect.introspect(db);
  const fresh = await dialect.introspectTables(db, [...touched.tables]);
  // A serial column brings its sequence with it.
  const serial = fresh.some((t) => t.columns.some((c) => c.ownedSequence));
  const globals = touched.globals || serial ? await dialect.introspectGlobals(db) : known;
  // Known tables keep their place (replaced, or gone); new ones come last.
  const byKey = new Map(fresh.map((t) => [keyOf(t), t]));
  const tables = known.tables.flatMap((t) => (touched.tables.has(keyOf(t)) ? (byKey.get(keyOf(t)) ?? []) : [t]));
  const knownKeys = new Set(known.tables.map(keyOf));
  tables.push(...fresh.filter((t) => !knownKeys.has(keyOf(t))));
  return {
    namespaces: globals.namespaces,
    extensions: globals.extensions,
    enums: globals.enums,
    sequences: globals.sequences,
    tables,
  };
}

/** The tables of `schema` a migration touching `touched` can change (all of them without). */
export function tablesIn(schema: Schema, touched: Touched | undefined): Table[] {
  return touched ? schema.tables.filter((t) => touched.tables.has(keyOf(t))) : [...schema.tables];
}

/** The part of `schema` a migration touching `touched` can change: what its passes are compared on. */
export function partOf(schema: Schema, touched: Touched | undefined): Schema {
  return touched ? { ...schema, tables: tablesIn(schema, touched) } : schema;
}

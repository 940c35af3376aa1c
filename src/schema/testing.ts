/** Schema values for unit tests (excluded from the build): each builder takes the parts that matter. */
import type { Column, Index, Schema, Table } from "./model.js";

export const column = (name: string, type = "text", extra: Partial<Column> = {}): Column => ({
  name,
  type,
  notNull: false,
  ...extra,
});

/** A btree index on `public.t` unless `extra` says otherwise. */
export const index = (name: string, keys: string[], extra: Partial<Index> = {}): Index => ({
  name,
  unique: false,
  method: "btree",
  keys,
  definition: `CREATE INDEX ${name} ON public.t USING btree (${keys.join(", ")})`,
  ...extra,
});

/** `public.t`, no columns or constraints unless given. */
export const table = (parts: Partial<Table>): Table => ({
  schema: "public",
  name: "t",
  columns: [],
  uniques: [],
  foreignKeys: [],
  checks: [],
  exclusions: [],
  indexes: [],
  ...parts,
});

export const schema = (parts: Partial<Schema>): Schema => ({
  namespaces: [],
  extensions: [],
  enums: [],
  sequences: [],
  tables: [],
  ...parts,
});

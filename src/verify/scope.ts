import type { Dialect } from "../dialects/dialect.js";
import type { Change } from "../diff/changes.js";
import { tableKey } from "../diff/renames.js";
import type { Schema, Table } from "../schema/model.js";

/**
 * The part of both schemas a plan can touch: the tables its changes name, the tables using an
 * enum it changes, and the tables those reference (with their own references cut). A self-check
 * on this part, rebuilt from the model, exercises every statement of the plan; a failure there is
 * checked again on the whole database.
 */
export function scopeOf(
  changes: readonly Change[],
  from: Schema,
  to: Schema,
  dialect: Dialect,
): { from: Schema; to: Schema } {
  const keys = new Set<string>();
  const enums = new Set<string>();
  for (const c of changes) {
    if ("table" in c && c.table) keys.add(tableKey(c.table));
    if ("before" in c && c.before) keys.add(tableKey(c.before));
    if (c.kind === "rename_table") keys.add(tableKey(c.from));
    if ("enum" in c) enums.add(dialect.enumTypeName(c.enum));
  }
  for (const s of [from, to])
    for (const t of s.tables) if (t.columns.some((c) => enums.has(c.type.replace(/\[\]$/, "")))) keys.add(tableKey(t));
  // One level of referenced tables, so the scoped tables' foreign keys have their targets.
  for (const s of [from, to])
    for (const t of s.tables)
      if (keys.has(tableKey(t))) for (const fk of t.foreignKeys) keys.add(tableKey(fk.references));
  const scoped = new Set(keys);
  const restrict = (s: Schema): Schema => ({
    ...s,
    tables: s.tables.filter((t) => scoped.has(tableKey(t))).map((t) => cutReferences(t, scoped)),
  });
  return { from: restrict(from), to: restrict(to) };
}

function cutReferences(t: Table, keep: ReadonlySet<string>): Table {
  const foreignKeys = t.foreignKeys.filter((fk) => keep.has(tableKey(fk.references)));
  return foreignKeys.length === t.foreignKeys.length ? t : { ...t, foreignKeys };
}

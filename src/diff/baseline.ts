/**
 * A model change planned against a baseline: `baseline` is the model the existing migrations were
 * made from (the schema file at the commit of the newest migration). What the database has that
 * the baseline does not say (SQL written by hand: a trigram index, a default, a whole table), or
 * says otherwise (drift), stays as the database has it wherever the model did not change that
 * object; only what the model changed since the baseline is planned. Without a baseline the plan
 * would also undo every such difference, which is what a team that hand-edits generated
 * migrations keeps removing.
 */
import type { Column, Index, Schema, Table } from "../schema/model.js";

export function desiredOnBaseline(database: Schema, baseline: Schema, model: Schema): Schema {
  const byName = (x: { schema: string; name: string }) => `${x.schema}.${x.name}`;
  return {
    namespaces: mergeNames(database.namespaces, baseline.namespaces, model.namespaces),
    extensions: mergeNames(database.extensions, baseline.extensions, model.extensions),
    enums: merge(database.enums, baseline.enums, model.enums, byName),
    sequences: merge(database.sequences, baseline.sequences, model.sequences, byName),
    tables: merge(database.tables, baseline.tables, model.tables, byName, mergeTable),
  };
}

function mergeTable(database: Table, baseline: Table, model: Table): Table {
  const byName = (x: { name: string }) => x.name;
  const indexes = merge(database.indexes, baseline.indexes, model.indexes, definitionOf);
  const { primaryKey: _primaryKey, ...rest } = model;
  return {
    ...rest,
    columns: merge<Column>(database.columns, baseline.columns, model.columns, byName),
    ...pick(database.primaryKey, baseline.primaryKey, model.primaryKey),
    uniques: merge(database.uniques, baseline.uniques, model.uniques, byName),
    foreignKeys: merge(database.foreignKeys, baseline.foreignKeys, model.foreignKeys, byName),
    checks: merge(database.checks, baseline.checks, model.checks, byName),
    exclusions: merge(database.exclusions, baseline.exclusions, model.exclusions, byName),
    // Several alike indexes of the database may stand for one of the model's: each once.
    indexes: indexes.filter((i, n) => indexes.findIndex((j) => j.name === i.name) === n),
  };
}

/**
 * Indexes are matched by what they are, not by name: an index written by hand under a name
 * PostgreSQL truncated is the model's index of the same definition.
 */
function definitionOf(index: Index): string {
  return JSON.stringify([index.unique, index.method, index.keys, index.predicate ?? null]);
}

/**
 * Per object (matched by `key`): where the model has it as the baseline had it, the database's
 * version (or none, if the database lacks it); where the model changed it, added it, or the
 * baseline never said anything of it, the model's; what neither model names, the database's;
 * gone where the model dropped what the baseline had. `both` merges an object all three have
 * (a table's parts).
 */
function merge<T>(
  database: readonly T[],
  baseline: readonly T[],
  model: readonly T[],
  key: (x: T) => string,
  both?: (database: T, baseline: T, model: T) => T,
): T[] {
  const merged: T[] = [];
  for (const m of model) {
    const k = key(m);
    const b = baseline.find((x) => key(x) === k);
    const d = database.filter((x) => key(x) === k);
    if (b === undefined) merged.push(m);
    else if (both && d.length) merged.push(both(d[0]!, b, m));
    else merged.push(...(same(b, m) ? d : [m]));
  }
  const known = new Set([...model, ...baseline].map(key));
  merged.push(...database.filter((d) => !known.has(key(d))));
  return merged;
}

function mergeNames(database: readonly string[], baseline: readonly string[], model: readonly string[]): string[] {
  return merge(database, baseline, model, (x) => x).sort();
}

/** The primary key, as `merge` decides for an object that tables have at most one of. */
function pick<T>(database: T | undefined, baseline: T | undefined, model: T | undefined): { primaryKey?: T } {
  const unchanged = same(baseline, model);
  const chosen = unchanged ? database : model;
  return chosen === undefined ? {} : { primaryKey: chosen };
}

/** Both read back by the same introspection, so plain structural equality is the right test. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A model change planned against a baseline: `baseline` is the model the existing migrations were
 * made from (the schema file at the commit of the newest migration). What the database has that
 * the baseline does not say (SQL written by hand: a trigram index, a default, a whole table), or
 * says otherwise (drift), stays as the database has it wherever the model did not change that
 * object; only what the model changed since the baseline is planned. Without a baseline the plan
 * would also undo every such difference, which is what a team that hand-edits generated
 * migrations keeps removing.
 *
 * What the model declares as the baseline did and the database lacks: structure (a table, a
 * column, a type) is created, since code reads it; a constraint or an index on columns the
 * database has is left missing,
 * since teams drop those by hand on purpose (a foreign key too costly on a big table, an index
 * replaced by a better one) and building them again unasked is a heavy operation.
 */
import type { Dialect } from "../dialects/dialect.js";
import type { Column, Index, Schema, Table } from "../schema/model.js";

/** `dialect` reads which columns an index uses. */
export function desiredOnBaseline(database: Schema, baseline: Schema, model: Schema, dialect: Dialect): Schema {
  const byName = (x: { schema: string; name: string }) => `${x.schema}.${x.name}`;
  return {
    namespaces: mergeNames(database.namespaces, baseline.namespaces, model.namespaces),
    extensions: mergeNames(database.extensions, baseline.extensions, model.extensions),
    enums: merge(database.enums, baseline.enums, model.enums, byName, CREATE),
    sequences: merge(database.sequences, baseline.sequences, model.sequences, byName, CREATE),
    tables: merge(database.tables, baseline.tables, model.tables, byName, CREATE, (d, b, m) =>
      mergeTable(d, b, m, dialect),
    ),
  };
}

function mergeTable(database: Table, baseline: Table, model: Table, dialect: Dialect): Table {
  const byName = (x: { name: string }) => x.name;
  // A constraint or index on a column the database lacks comes with the column.
  const onNewColumn = (x: { columns: readonly string[] }) =>
    x.columns.some((c) => !database.columns.some((d) => d.name === c));
  const indexes = merge(database.indexes, baseline.indexes, model.indexes, definitionOf, (i) =>
    onNewColumn({ columns: dialect.indexColumns(i) }),
  );
  const { primaryKey: _primaryKey, ...rest } = model;
  return {
    ...rest,
    columns: merge<Column>(database.columns, baseline.columns, model.columns, byName, CREATE),
    ...pick(database.primaryKey, baseline.primaryKey, model.primaryKey),
    uniques: merge(database.uniques, baseline.uniques, model.uniques, byName, onNewColumn),
    foreignKeys: merge(database.foreignKeys, baseline.foreignKeys, model.foreignKeys, byName, onNewColumn),
    checks: merge(database.checks, baseline.checks, model.checks, byName, LEAVE),
    exclusions: merge(database.exclusions, baseline.exclusions, model.exclusions, byName, LEAVE),
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

/** What the model kept as the baseline had it and the database lacks: made (true), or left missing. */
type Missing<T> = (x: T) => boolean;
const CREATE = () => true;
const LEAVE = () => false;

/**
 * Per object (matched by `key`): where the model has it as the baseline had it, the database's
 * version (if the database lacks it, as `missing` says); where the model changed it, added it, or the
 * baseline never said anything of it, the model's; what neither model names, the database's;
 * gone where the model dropped what the baseline had. `both` merges an object all three have
 * (a table's parts).
 */
function merge<T>(
  database: readonly T[],
  baseline: readonly T[],
  model: readonly T[],
  key: (x: T) => string,
  missing: Missing<T>,
  both?: (database: T, baseline: T, model: T) => T,
): T[] {
  const merged: T[] = [];
  for (const m of model) {
    const k = key(m);
    const b = baseline.find((x) => key(x) === k);
    const d = database.filter((x) => key(x) === k);
    if (b === undefined) merged.push(m);
    else if (both && d.length) merged.push(both(d[0]!, b, m));
    else if (!same(b, m)) merged.push(m);
    else merged.push(...(d.length || !missing(m) ? d : [m]));
  }
  const known = new Set([...model, ...baseline].map(key));
  merged.push(...database.filter((d) => !known.has(key(d))));
  return merged;
}

function mergeNames(database: readonly string[], baseline: readonly string[], model: readonly string[]): string[] {
  return merge(database, baseline, model, (x) => x, CREATE).sort();
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

/**
 * What a Prisma schema means for a database that already exists. Prisma Migrate compares only
 * what `schema.prisma` can say, so what it cannot say, or does not tell apart, stays as the
 * database has it; planning a change there would be a change Prisma itself never asks for:
 *
 * - enum values have no order: Prisma appends a new value (`ALTER TYPE … ADD VALUE`);
 * - extensions, unless the `postgresqlExtensions` preview manages them;
 * - CHECK and exclusion constraints (Prisma has no syntax for them and never drops them);
 * - a UNIQUE constraint and a unique index of the same name and columns are the same to Prisma;
 * - `now()` and `CURRENT_TIMESTAMP`, `'{}'` and `ARRAY[]` are the same default;
 * - NOT NULL on an array column (Prisma's lists have no nullability);
 * - partial indexes (a WHERE clause) and indexes on expressions: Prisma 6 does not see them in the
 *   database and leaves them alone (the engine pinned here; Prisma 7.4 began dropping partial ones);
 * - indexes that are alike (same definition, other names): Prisma drops none of them;
 * - a column's generation expression (`GENERATED ALWAYS AS … STORED`): Prisma has no syntax for it.
 */
import type { Column, Index, Schema, Table } from "../../../schema/model.js";
import { sameName } from "../../../schema/model.js";

export interface AlignOptions {
  /** The `postgresqlExtensions` preview is on: the schema lists the extensions it wants. */
  readonly managesExtensions: boolean;
  /** Which columns an index reads: the dialect knows its key expressions. */
  readonly indexColumns: (index: Index) => string[];
}

export function alignToDatabase(current: Schema, desired: Schema, options: AlignOptions): Schema {
  return {
    ...desired,
    extensions: options.managesExtensions
      ? desired.extensions
      : [...new Set([...current.extensions, ...desired.extensions])].sort(),
    enums: desired.enums.map((e) => {
      const existing = current.enums.find((c) => sameName(c, e));
      if (!existing) return e;
      const kept = existing.values.filter((v) => e.values.includes(v));
      return { ...e, values: [...kept, ...e.values.filter((v) => !kept.includes(v))] };
    }),
    tables: desired.tables.map((t) => {
      const existing = current.tables.find((c) => sameName(c, t));
      return existing ? alignTable(existing, t, options) : t;
    }),
  };
}

function alignTable(current: Table, desired: Table, options: AlignOptions): Table {
  // A unique index Prisma would create where a UNIQUE constraint of that name and columns stands.
  const asConstraints = current.uniques.filter((u) =>
    desired.indexes.some(
      (i) =>
        i.unique &&
        i.name === u.name &&
        !i.predicate &&
        i.method === "btree" &&
        sameList(options.indexColumns(i), u.columns),
    ),
  );
  const indexes = desired.indexes
    .filter((i) => !asConstraints.some((u) => u.name === i.name))
    .flatMap((i) => alike(current.indexes, i));
  return {
    ...desired,
    columns: desired.columns.map((c) => {
      const existing = current.columns.find((x) => x.name === c.name);
      return existing ? alignColumn(existing, c) : c;
    }),
    uniques: [...desired.uniques, ...asConstraints],
    indexes: [
      ...indexes,
      ...current.indexes.filter(
        (i) => unseenByPrisma(i) && ![...desired.indexes, ...indexes].some((d) => d.name === i.name),
      ),
    ],
    checks: [...desired.checks, ...current.checks.filter((k) => !desired.checks.some((d) => d.name === k.name))],
    exclusions: [
      ...desired.exclusions,
      ...current.exclusions.filter((k) => !desired.exclusions.some((d) => d.name === k.name)),
    ],
  };
}

/**
 * Prisma pairs indexes by definition, never by name (its differ's `indexes_match`: key columns
 * with their order, uniqueness, method and operator classes). Where the database has two or more
 * indexes alike to a desired one, Prisma neither renames nor drops any of them: they stay.
 */
function alike(existing: readonly Index[], index: Index): readonly Index[] {
  const same = existing.filter(
    (e) => e.unique === index.unique && e.method === index.method && sameList(e.keys, index.keys),
  );
  return same.length > 1 ? same : [index];
}

/** An index Prisma's schema reader skips: partial, or with a key that is an expression (`lower(email)`). */
function unseenByPrisma(index: Index): boolean {
  return index.predicate !== undefined || index.keys.some((k) => k.includes("("));
}

function alignColumn(current: Column, desired: Column): Column {
  if (current.type !== desired.type) return desired;
  if (current.generated && !desired.generated) {
    const { default: _default, ...rest } = desired;
    return { ...rest, generated: current.generated };
  }
  const sameDefault = current.default !== undefined && sameMeaning(current.default, desired.default);
  const arrayNullability = desired.type.endsWith("[]") && current.notNull !== desired.notNull;
  if (!sameDefault && !arrayNullability) return desired;
  return {
    ...desired,
    ...(sameDefault ? { default: current.default } : {}),
    ...(arrayNullability ? { notNull: current.notNull } : {}),
  };
}

/** Defaults Prisma reads as the same value. */
function sameMeaning(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  return canonical(a) === canonical(b);
}

function canonical(expr: string): string {
  // `0.00` and `0`, `'-1'::integer` and `-1`: Prisma compares numbers by value.
  const number =
    /^'?(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)'?(?:::(?:integer|bigint|smallint|numeric|real|double precision))?$/i.exec(expr);
  if (number) return `number:${Number(number[1])}`;
  return expr.replace(/^now\(\)$/, "CURRENT_TIMESTAMP").replace(/^'\{\}'::(.+)\[\]$/, "ARRAY[]::$1[]");
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

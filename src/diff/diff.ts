import type { Dialect } from "../dialects/dialect.js";
import type { Column, EnumType, ForeignKey, Index, Schema, Sequence, Table } from "../schema/model.js";
import type { Change } from "./changes.js";
import { noRenames, type Renames, tableKey } from "./renames.js";

/**
 * Schema × Schema → Change[]. Both schemas come from the same engine's catalog, so objects compare
 * by name and canonical definition. Objects that go away with a dropped column or table (its
 * indexes and constraints) are not listed separately: they travel with the drop and its reverse.
 * The dialect reads the expressions (which columns a CHECK or an index uses).
 */
export function diffSchemas(from: Schema, to: Schema, dialect: Dialect, renames: Renames = noRenames): Change[] {
  const changes: Change[] = [];
  setDiff(
    from.namespaces,
    to.namespaces,
    (name) => changes.push({ kind: "create_namespace", name }),
    (name) => changes.push({ kind: "drop_namespace", name }),
  );
  setDiff(
    from.extensions,
    to.extensions,
    (name) => changes.push({ kind: "create_extension", name }),
    (name) => changes.push({ kind: "drop_extension", name }),
  );
  diffEnums(from.enums, to.enums, changes);
  diffSequences(
    from.sequences.filter((s) => !s.ownedBy),
    to.sequences.filter((s) => !s.ownedBy),
    changes,
  );
  diffTables(from, to, renames, dialect, changes);
  return changes;
}

function setDiff(
  before: readonly string[],
  after: readonly string[],
  add: (s: string) => void,
  drop: (s: string) => void,
) {
  for (const s of after) if (!before.includes(s)) add(s);
  for (const s of before) if (!after.includes(s)) drop(s);
}

function byKey<T extends { schema: string; name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [tableKey(i), i]));
}

function diffEnums(before: readonly EnumType[], after: readonly EnumType[], out: Change[]): void {
  const old = byKey(before);
  for (const e of after) {
    const prev = old.get(tableKey(e));
    if (!prev) {
      out.push({ kind: "create_enum", enum: e });
      continue;
    }
    const removed = prev.values.filter((v) => !e.values.includes(v));
    const kept = e.values.filter((v) => prev.values.includes(v));
    const reordered = kept.some((v, i) => v !== prev.values.filter((p) => e.values.includes(p))[i]);
    if (removed.length > 0 || reordered) {
      out.push({ kind: "drop_enum_value", from: prev, enum: e, removed });
      continue;
    }
    e.values.forEach((value, i) => {
      if (prev.values.includes(value)) return;
      // After every old value: appended, as a plain ADD VALUE does and Prisma writes it. Before an
      // old value: after its predecessor in the new order, or BEFORE that old value when it comes first.
      const after = e.values[i - 1];
      const next = e.values.slice(i + 1).find((v) => prev.values.includes(v));
      const position = next === undefined ? {} : after !== undefined ? { after } : { before: next };
      out.push({ kind: "add_enum_value", enum: e, value, position });
    });
  }
  for (const e of before) if (!after.some((a) => tableKey(a) === tableKey(e))) out.push({ kind: "drop_enum", enum: e });
}

function diffSequences(before: readonly Sequence[], after: readonly Sequence[], out: Change[]): void {
  const old = byKey(before);
  for (const s of after) {
    const prev = old.get(tableKey(s));
    if (!prev) out.push({ kind: "create_sequence", sequence: s });
    else if (JSON.stringify(prev) !== JSON.stringify(s)) out.push({ kind: "alter_sequence", sequence: s, from: prev });
  }
  for (const s of before)
    if (!after.some((a) => tableKey(a) === tableKey(s))) out.push({ kind: "drop_sequence", sequence: s });
}

function diffTables(from: Schema, to: Schema, renames: Renames, dialect: Dialect, out: Change[]): void {
  const after = byKey(to.tables);
  const matched = new Set<string>();
  const dropped: Table[] = [];
  for (const t of from.tables) {
    const target = renames.tables.get(tableKey(t)) ?? t;
    const next = after.get(tableKey(target));
    if (!next) {
      dropped.push(t);
      continue;
    }
    matched.add(tableKey(next));
    if (next.name !== t.name) out.push({ kind: "rename_table", from: t, table: next });
    diffTable(t, next, renames, dialect, out);
  }
  const created = to.tables.filter((t) => !matched.has(tableKey(t)));
  for (const t of created) out.push({ kind: "create_table", table: t });
  for (const t of dropped) {
    const candidates = created
      .filter((c) => looksLikeSameTable(t, c, dialect) && !renames.distinct.has(`${tableKey(t)}=${c.name}`))
      .map((c) => c.name);
    out.push({ kind: "drop_table", table: t, ...(candidates.length ? { renameCandidates: candidates } : {}) });
  }
}

/** A created table that shares most of a dropped table's columns may be that table renamed. */
function looksLikeSameTable(a: Table, b: Table, dialect: Dialect): boolean {
  const shared = a.columns.filter((c) =>
    b.columns.some((d) => d.name === c.name && dialect.sameType(d.type, c.type)),
  ).length;
  return shared >= Math.max(1, Math.ceil(Math.max(a.columns.length, b.columns.length) * 0.6));
}

function diffTable(before: Table, after: Table, renames: Renames, dialect: Dialect, out: Change[]): void {
  const on = { table: after, before };
  const columnRenames = renames.columns.get(tableKey(after)) ?? new Map<string, string>();
  const renamedTo = new Map<string, Column>();
  for (const [oldName, newName] of columnRenames) {
    const from = before.columns.find((c) => c.name === oldName);
    const to = after.columns.find((c) => c.name === newName);
    if (from && to) {
      renamedTo.set(oldName, to);
      out.push({ ...on, kind: "rename_column", from, column: to });
    }
  }
  const renamedNew = new Set([...renamedTo.values()].map((c) => c.name));
  const goneColumns = before.columns.filter(
    (c) => !after.columns.some((a) => a.name === c.name) || renamedTo.has(c.name),
  );
  const added = after.columns.filter((c) => !before.columns.some((b) => b.name === c.name) && !renamedNew.has(c.name));
  for (const c of added) out.push({ ...on, kind: "add_column", column: c });
  for (const c of goneColumns) {
    if (renamedTo.has(c.name)) continue;
    const candidates = added
      .filter(
        (a) => dialect.sameType(a.type, c.type) && !renames.distinct.has(`${tableKey(after)}.${c.name}=${a.name}`),
      )
      .map((a) => a.name);
    out.push({ ...on, kind: "drop_column", column: c, ...(candidates.length ? { renameCandidates: candidates } : {}) });
  }
  for (const c of after.columns) {
    const prev = before.columns.find((b) => b.name === c.name);
    if (!prev || renamedTo.has(c.name)) continue;
    diffColumn(prev, c, on, dialect, out);
  }

  // Objects on columns that go away are dropped with them; objects on new columns of a renamed
  // pair are new objects.
  const gone = new Set(goneColumns.map((c) => c.name));
  const survives = (cols: readonly string[]) => !cols.some((c) => gone.has(c));

  const pkBefore = before.primaryKey;
  const pkAfter = after.primaryKey;
  const samePk =
    pkBefore && pkAfter && pkBefore.name === pkAfter.name && pkBefore.columns.join() === pkAfter.columns.join();
  // A key on a dropped column goes with it, unless a new key must stand first (a table has one,
  // and the new one may take the old one's name).
  if (pkBefore && !samePk && (survives(pkBefore.columns) || pkAfter))
    out.push({ ...on, kind: "drop_primary_key", pk: pkBefore });
  if (pkAfter && !samePk) out.push({ ...on, kind: "add_primary_key", pk: pkAfter });

  pairs(before.uniques, after.uniques, (a, b) => a.definition === b.definition, {
    drop: (u) => survives(u.columns) && out.push({ ...on, kind: "drop_unique", unique: u }),
    add: (u) => out.push({ ...on, kind: "add_unique", unique: u }),
  });
  pairs(before.checks, after.checks, (a, b) => a.definition === b.definition, {
    drop: (c) =>
      survives(dialect.columnRefs(c.definition.replace(/^CHECK /, ""))) &&
      out.push({ ...on, kind: "drop_check", check: c }),
    add: (c) => out.push({ ...on, kind: "add_check", check: c }),
    same: (a, b) =>
      a.validated !== b.validated &&
      out.push({ ...on, kind: "validate_constraint", constraint: b, validated: b.validated }),
  });
  pairs(before.exclusions, after.exclusions, (a, b) => a.definition === b.definition, {
    drop: (x) => out.push({ ...on, kind: "drop_exclusion", exclusion: x }),
    add: (x) => out.push({ ...on, kind: "add_exclusion", exclusion: x }),
  });
  pairs(before.foreignKeys, after.foreignKeys, (a, b) => sameForeignKey(a, b, renames), {
    drop: (f) => survives(f.columns) && out.push({ ...on, kind: "drop_foreign_key", fk: f }),
    add: (f) => out.push({ ...on, kind: "add_foreign_key", fk: f }),
    same: (a, b) =>
      a.validated !== b.validated &&
      out.push({ ...on, kind: "validate_constraint", constraint: b, validated: b.validated }),
  });
  // An index that only changes name (a renamed table's, or renamed by hand) is renamed, not rebuilt.
  const droppedIdx: Index[] = [];
  const addedIdx: Index[] = [];
  pairs(before.indexes, after.indexes, (a, b) => indexShape(a, before, dialect) === indexShape(b, after, dialect), {
    drop: (i) => survives(dialect.indexColumns(i)) && droppedIdx.push(i),
    add: (i) => addedIdx.push(i),
  });
  const renamedIdx = new Map<Index, Index>();
  for (const i of addedIdx) {
    const from = droppedIdx.find(
      (d) =>
        indexShape(d, before, dialect) === indexShape(i, after, dialect) &&
        !after.indexes.some((x) => x.name === d.name),
    );
    if (!from) continue;
    droppedIdx.splice(droppedIdx.indexOf(from), 1);
    renamedIdx.set(i, from);
  }
  for (const i of droppedIdx) out.push({ ...on, kind: "drop_index", index: i });
  for (const i of addedIdx) {
    const from = renamedIdx.get(i);
    out.push(from ? { ...on, kind: "rename_index", from, index: i } : { ...on, kind: "add_index", index: i });
  }
}

function diffColumn(
  prev: Column,
  c: Column,
  on: { table: Table; before: Table },
  dialect: Dialect,
  out: Change[],
): void {
  if (!dialect.sameType(prev.type, c.type) || prev.collation !== c.collation)
    out.push({ ...on, kind: "alter_column_type", from: prev, column: c });
  if (prev.identity !== c.identity || prev.generated !== c.generated)
    out.push({ ...on, kind: "alter_column_other", from: prev, column: c });
  if (prev.notNull !== c.notNull && !c.identity && !prev.identity)
    out.push({ ...on, kind: c.notNull ? "set_not_null" : "drop_not_null", from: prev, column: c });
  const renamed = on.before.name !== on.table.name;
  if (!sameDefault(prev, c, renamed) && !c.generated && !prev.generated)
    out.push({ ...on, kind: c.default === undefined ? "drop_default" : "set_default", from: prev, column: c });
}

/**
 * The same default, or, on a renamed table, the `nextval` of its serial sequence renamed with it
 * (users_id_seq → accounts_id_seq): the rename carries the default along.
 */
function sameDefault(prev: Column, c: Column, renamedTable: boolean): boolean {
  if (prev.default === c.default) return true;
  if (!renamedTable || !prev.default || !prev.ownedSequence || !c.ownedSequence) return false;
  return prev.default.replace(prev.ownedSequence.name, c.ownedSequence.name) === c.default;
}

/**
 * The same foreign key, or one that differs only by pointing at a table the plan renames: the
 * rename carries the key along, nothing is to drop and re-add.
 */
function sameForeignKey(a: ForeignKey, b: ForeignKey, renames: Renames): boolean {
  if (a.definition === b.definition) return true;
  const target = renames.tables.get(tableKey(a.references));
  if (!target || tableKey(target) !== tableKey(b.references)) return false;
  const withoutTable = (d: string) => d.replace(/ REFERENCES .*?\(/, " REFERENCES (");
  return withoutTable(a.definition) === withoutTable(b.definition);
}

/** Matches objects by name: same name and same shape is no change; same name, other shape is drop + add. */
function pairs<T extends { name: string }>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
  on: { drop: (t: T) => unknown; add: (t: T) => unknown; same?: (a: T, b: T) => unknown },
): void {
  for (const b of before) {
    const a = after.find((x) => x.name === b.name);
    if (!a || !same(b, a)) on.drop(b);
    else on.same?.(b, a);
  }
  for (const a of after) {
    const b = before.find((x) => x.name === a.name);
    if (!b || !same(b, a)) on.add(a);
  }
}

/** An index definition without its own name and table name, so a renamed table keeps its indexes. */
function indexShape(index: Index, table: Table, dialect: Dialect): string {
  const id = (name: string) => dialect.ident(name);
  const prefix = `INDEX ${id(index.name)} ON ${id(table.schema)}.${id(table.name)} `;
  return index.definition.replace(prefix, "INDEX ON ");
}

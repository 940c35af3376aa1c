import type { ChangeOf } from "../../../diff/changes.js";
import { tableKey } from "../../../diff/renames.js";
import { RANK } from "../../../plan/ops.js";
import { displayName } from "../../../schema/model.js";
import { createIndex, dropIndex } from "../render.js";
import { type RecipeFn, tableBefore, tableRebuilt } from "./shared.js";

/** After the column it covers is added (RANK.addColumn), before anything keyed on it. */
const RANK_INDEX = RANK.alterColumn + 1;
/** Before a DROP COLUMN of a column it covers: SQLite refuses to drop an indexed column. */
const RANK_DROP_INDEX = RANK.dropConstraint;

export const addIndexRecipe: RecipeFn<ChangeOf<"add_index">> = (change, ctx) => {
  const { table, index } = change;
  const head = { kind: "add_index" as const, table: displayName(table), object: index.name };
  if (tableRebuilt(ctx, table))
    return { ...head, risk: "risky", reasons: [`built by the rebuild of ${displayName(table)}`], ops: [] };
  // An index over a column the plan renames: the same index before follows the rename by itself;
  // a new one is built once the rename is done (the expand step's copy of the column is dropped).
  const cols = ctx.options.dialect.indexColumns(index);
  const renames = ctx.changes.filter(
    (c): c is ChangeOf<"rename_column"> =>
      c.kind === "rename_column" && tableKey(c.table) === tableKey(table) && cols.includes(c.column.name),
  );
  if (renames.length) {
    const renamed = (name: string) => renames.find((r) => r.column.name === name)?.from.name ?? name;
    const old = tableBefore(change, ctx).indexes.find((i) => i.name === index.name);
    if (old && sameColumns(ctx.options.dialect.indexColumns(old), cols.map(renamed)))
      return { ...head, risk: "safe", reasons: ["RENAME COLUMN rewrites the index: it follows the column"], ops: [] };
  }
  return {
    ...head,
    risk: "safe",
    reasons: ["CREATE INDEX holds the database's write lock while it builds; readers go on"],
    ops: [
      {
        stage: "main",
        rank: renames.length ? RANK.rename + 1 : RANK_INDEX,
        up: [createIndex(index, table)],
        down: [dropIndex(index)],
        ...(renames.length ? { after: renames } : {}),
      },
    ],
  };
};

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

export const dropIndexRecipe: RecipeFn<ChangeOf<"drop_index">> = (change, ctx) => {
  const { table, index } = change;
  const head = { kind: "drop_index" as const, table: displayName(table), object: index.name };
  if (tableRebuilt(ctx, table))
    return { ...head, risk: "safe", reasons: [`left out of the rebuild of ${displayName(table)}`], ops: [] };
  // An index over a column the plan drops goes with it, just before it (DROP COLUMN refuses it).
  const cols = ctx.options.dialect.indexColumns(index);
  const drops = ctx.changes.filter(
    (c) => c.kind === "drop_column" && tableKey(c.table) === tableKey(table) && cols.includes(c.column.name),
  );
  return {
    ...head,
    risk: "safe",
    reasons: drops.length
      ? ["dropped before the column it covers: DROP COLUMN refuses an indexed column"]
      : ["DROP INDEX is instant"],
    ops: [
      {
        stage: "main",
        rank: RANK_DROP_INDEX,
        up: [dropIndex(index)],
        down: [createIndex(index, tableBefore(change, ctx))],
        ...(drops.length ? { after: drops } : {}),
      },
    ],
  };
};

import { createIndex, dropIndex, ident, qualified } from "../render.js";
import type { ChangeOf } from "../../../diff/changes.js";
import { displayName, type Table } from "../../../schema/model.js";
import { RANK } from "../../../plan/ops.js";
import type { RecipeFn } from "./sql-ops.js";
import { warning } from "./columns.js";
import { rebindForeignKeys, rebindReason } from "./constraints.js";
import { indexOn } from "./shared.js";

/**
 * An index on a table that exists is built CONCURRENTLY, alone, outside a transaction. A
 * partitioned table refuses CONCURRENTLY (PostgreSQL builds the index on each partition): there it
 * is a plain statement under lock_timeout, and the reason says so.
 */
export const addIndexRecipe: RecipeFn<ChangeOf<"add_index">> = (change) => {
  const { table, index } = change;
  const online = !partitioned(change);
  return {
    kind: "add_index",
    table: displayName(table),
    object: index.name,
    risk: "risky",
    reasons: [
      online
        ? `CREATE INDEX blocks writes to ${displayName(table)} for the whole build; built CONCURRENTLY in a step outside a transaction`
        : `CREATE INDEX blocks writes to ${displayName(table)} for the whole build, and a partitioned table cannot build it CONCURRENTLY: run it off-peak, or build it CONCURRENTLY on each partition first and attach those`,
      ...(index.unique
        ? ["a unique build fails on duplicate values and leaves an INVALID index: drop it and retry"]
        : []),
    ],
    ops: [
      {
        stage: online ? "concurrent" : "main",
        rank: RANK.addConstraint,
        up: [createIndex(index, online)],
        down: [
          online
            ? dropIndex(table, index, true).replace("DROP INDEX CONCURRENTLY ", "DROP INDEX CONCURRENTLY IF EXISTS ")
            : dropIndex(table, index),
        ],
        label: `create_index_${index.name}`,
        ...(online
          ? {}
          : {
              findings: [
                warning(
                  "require-concurrent-index",
                  `${displayName(table)} is partitioned: CREATE INDEX ${index.name} cannot be CONCURRENTLY and blocks writes for the whole build`,
                ),
              ],
            }),
      },
    ],
  };
};

export const dropIndexRecipe: RecipeFn<ChangeOf<"drop_index">> = (change, ctx) => {
  const { table } = change;
  // Its down runs where the table has its new name, if the plan renames it.
  const index = change.before ? indexOn(change.index, change.before, table) : change.index;
  const online = !partitioned(change);
  const rebound = rebindForeignKeys(change, ctx);
  return {
    kind: "drop_index",
    table: displayName(table),
    object: index.name,
    risk: "risky",
    reasons: [
      online
        ? `DROP INDEX takes ACCESS EXCLUSIVE on ${displayName(table)}; dropped CONCURRENTLY instead`
        : `DROP INDEX takes ACCESS EXCLUSIVE on ${displayName(table)} and its partitions (a partitioned table cannot drop it CONCURRENTLY): under lock_timeout`,
      "queries that used the index get slower",
      ...rebindReason(rebound),
    ],
    ops: [
      {
        stage: online ? "concurrent" : "main",
        rank: RANK.dropConstraint,
        up: [dropIndex(table, index, online)],
        down: [createIndex(index, online)],
        label: `drop_index_${index.name}`,
        ...(online
          ? {}
          : {
              findings: [
                warning(
                  "require-concurrent-index-drop",
                  `${displayName(table)} is partitioned: DROP INDEX ${index.name} cannot be CONCURRENTLY and takes ACCESS EXCLUSIVE`,
                ),
              ],
            }),
      },
      ...rebound,
    ],
  };
};

/** The table is partitioned in the database the step runs on (the desired side may not say so: Prisma cannot). */
function partitioned(change: { table: Table; before?: Table }): boolean {
  return (change.before ?? change.table).partitioned === true;
}

export { qualified };

/** Same index, new name: a catalog change (SHARE UPDATE EXCLUSIVE on the index), never a rebuild. */
export const renameIndexRecipe: RecipeFn<ChangeOf<"rename_index">> = ({ table, from, index }) => {
  const rename = (a: string, b: string) =>
    `ALTER INDEX ${qualified({ schema: table.schema, name: a })} RENAME TO ${ident(b)}`;
  return {
    kind: "other",
    table: displayName(table),
    object: index.name,
    risk: "safe",
    reasons: [`${from.name} is renamed to ${index.name}: the same index, a catalog change`],
    ops: [
      { stage: "main", rank: RANK.rename, up: [rename(from.name, index.name)], down: [rename(index.name, from.name)] },
    ],
  };
};

import type { ChangeOf } from "../../../diff/changes.js";
import { RANK } from "../../../plan/ops.js";
import { displayName } from "../../../schema/model.js";
import { createIndex, createTable, dropTable, renameTable } from "../render.js";
import { breaking, has, type RecipeFn } from "./shared.js";

export const createTableRecipe: RecipeFn<ChangeOf<"create_table">> = (change) => {
  const t = change.table;
  return {
    kind: "create_table",
    table: displayName(t),
    risk: "safe",
    reasons: ["a new table: nothing reads it yet"],
    ops: [
      {
        stage: "main",
        rank: RANK.createTable,
        up: [createTable(t), ...t.indexes.map((i) => createIndex(i, t))],
        down: [dropTable(t)],
      },
    ],
  };
};

export const dropTableRecipe: RecipeFn<ChangeOf<"drop_table">> = (change, ctx) => {
  const t = change.table;
  const name = displayName(t);
  return {
    kind: "drop_table",
    table: name,
    risk: "breaking",
    reasons: [
      `drops ${name} and all its rows; running code that still uses it fails`,
      ...(change.renameCandidates?.length ? [`possible rename to ${change.renameCandidates.join(" or ")}`] : []),
    ],
    findings: [breaking("drop-table", `dropping table ${name} deletes its rows`, ctx)],
    ops: [
      {
        stage: "contract",
        rank: RANK.dropTable,
        up: [dropTable(t)],
        down: [createTable(t), ...t.indexes.map((i) => createIndex(i, t))],
        deploy: `Deploy code that no longer reads or writes ${name} before this step.`,
        needsCodeDeploy: true,
        dataLoss: `the rows of ${name} are not restored by the down (it recreates the structure only)`,
      },
    ],
  };
};

/** RENAME TO rewrites the REFERENCES of other tables, their triggers and views, from SQLite 3.26. */
export const renameTableRecipe: RecipeFn<ChangeOf<"rename_table">> = (change, ctx) => {
  const { from, table } = change;
  const name = displayName(from);
  const rewrites = has(ctx, "renameRewritesReferences");
  return {
    kind: "rename_table",
    table: name,
    object: table.name,
    risk: "breaking",
    reasons: [
      `code that uses ${name} breaks when it is renamed to ${table.name}`,
      ...(rewrites ? [] : ["before SQLite 3.26 the REFERENCES of other tables are not rewritten by the rename"]),
    ],
    findings: [breaking("rename-table", `renaming ${name} to ${table.name} breaks running code`, ctx)],
    ops: [
      {
        stage: "contract",
        rank: RANK.rename,
        up: [renameTable(from, table.name)],
        down: [renameTable(table, from.name)],
        deploy: `Deploy code that uses ${table.name} (ORMs: the model's table name) with this step.`,
        needsCodeDeploy: true,
      },
    ],
  };
};

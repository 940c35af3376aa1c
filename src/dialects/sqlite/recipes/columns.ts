import type { ChangeOf } from "../../../diff/changes.js";
import { backfillKey, RANK } from "../../../plan/ops.js";
import { displayName } from "../../../schema/model.js";
import { tableKey } from "../../../diff/renames.js";
import { createIndex, dropColumn, dropIndex } from "../render.js";
import { rebuiltRecipe } from "./rebuilt.js";
import {
  addColumnSql,
  breaking,
  canAddInPlace,
  canDropInPlace,
  foreignKeysAround,
  columnName,
  type Op,
  type RecipeFn,
  rebuildOp,
  tableBefore,
  tableRebuilt,
} from "./shared.js";

/** ADD COLUMN in place where SQLite takes it on a table with rows; its down DROP COLUMN (3.35+), else a rebuild back. */
export const addColumnRecipe: RecipeFn<ChangeOf<"add_column">> = (change, ctx) => {
  const { table, column: col } = change;
  const name = columnName(table, col.name);
  const required = col.notNull && col.default === undefined && col.generated === undefined;
  if (required && !ctx.options.backfills.has(backfillKey(table, col.name)))
    return {
      kind: "add_column",
      table: displayName(table),
      column: col.name,
      risk: "breaking",
      reasons: [
        `existing rows of ${displayName(table)} have no value for ${col.name}: ADD COLUMN … NOT NULL needs a default, and a rebuild's copy a value`,
        `needs a value for the existing rows: --backfill ${name}=<SQL expression>`,
      ],
      ops: [],
      missingBackfill: { column: name, type: col.type },
      findings: [
        {
          rule: "add-required-column",
          severity: "error",
          message: `${name} is NOT NULL without a default: the plan needs a value for existing rows`,
          fix: `--backfill ${name}=<SQL expression> (the rebuild's copy fills it)`,
        },
      ],
    };
  if (tableRebuilt(ctx, table)) return rebuiltRecipe(change, ctx);
  const before = tableBefore(change, ctx);
  const withColumn = { ...before, columns: [...before.columns, col] };
  const back = canDropInPlace(withColumn, col.name, ctx) ? undefined : rebuildOp(withColumn, before, ctx);
  const op: Op = {
    stage: "main",
    rank: RANK.addColumn,
    up: [addColumnSql(table, col)],
    down: back ? back.up : [dropColumn(table, col.name)],
    ...(back?.around ? { around: back.around } : {}),
  };
  return {
    kind: "add_column",
    table: displayName(table),
    column: col.name,
    risk: "safe",
    reasons: [
      col.notNull
        ? `ADD COLUMN with a constant default fills existing rows without a rebuild`
        : `a nullable column: ADD COLUMN changes only the schema`,
    ],
    ops: [op],
  };
};

/** DROP COLUMN (3.35+) where SQLite allows it, else a rebuild; breaking either way. */
export const dropColumnRecipe: RecipeFn<ChangeOf<"drop_column">> = (change, ctx) => {
  const { table, column: col } = change;
  if (tableRebuilt(ctx, table)) return rebuiltRecipe(change, ctx);
  const before = tableBefore(change, ctx);
  const name = columnName(table, col.name);
  // DROP COLUMN refuses a column an index reads: the indexes over it go first (unless the plan drops them apart).
  const droppedApart = new Set(
    ctx.changes.flatMap((c) =>
      c.kind === "drop_index" && tableKey(c.table) === tableKey(table) ? [c.index.name] : [],
    ),
  );
  const indexes = before.indexes.filter(
    (i) => !droppedApart.has(i.name) && ctx.options.dialect.indexColumns(i).includes(col.name),
  );
  const restore = canAddInPlace(before, col)
    ? [addColumnSql(before, col)]
    : rebuildOp(
        {
          ...before,
          columns: before.columns.filter((c) => c.name !== col.name),
          indexes: before.indexes.filter((i) => !indexes.includes(i)),
        },
        { ...before, indexes: before.indexes.filter((i) => !indexes.includes(i)) },
        ctx,
      ).up;
  const candidates = change.renameCandidates ?? [];
  return {
    kind: "drop_column",
    table: displayName(table),
    column: col.name,
    risk: "breaking",
    reasons: [
      `drops ${name} and its values; running code that still reads or writes it fails`,
      ...(candidates.length ? [`possible rename to ${candidates.join(" or ")}: pass --rename or --not-renamed`] : []),
    ],
    findings: [
      breaking("drop-column", `dropping ${name} deletes its values`, ctx),
      ...(candidates.length
        ? [
            {
              rule: "possible-rename",
              severity: "error" as const,
              message: `${name} is dropped and ${candidates.join(", ")} added with the same type: is it a rename? A rename is never guessed`,
              fix: `--rename ${name}=${candidates[0]} if it is a rename, or --not-renamed ${name}=${candidates[0]} if it is not`,
            },
          ]
        : []),
    ],
    ops: [
      {
        stage: "contract",
        rank: RANK.dropColumn,
        up: [...indexes.map(dropIndex), dropColumn(table, col.name)],
        down: [...restore, ...indexes.map((i) => createIndex(i, before))],
        deploy: `Deploy code that no longer reads or writes ${name} before this step.`,
        needsCodeDeploy: true,
        dataLoss: `the values of ${name} are not restored by the down (it re-adds the column empty)`,
        ...(restore.length > 1 ? { around: foreignKeysAround() } : {}),
      },
    ],
  };
};

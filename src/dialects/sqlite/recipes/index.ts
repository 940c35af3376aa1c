import type { Change } from "../../../diff/changes.js";
import type { PlanContext, Recipe as PlannedRecipe } from "../../../plan/ops.js";
import { plannedStatement } from "../planned.js";
import { addColumnRecipe, dropColumnRecipe } from "./columns.js";
import { addIndexRecipe, dropIndexRecipe } from "./indexes.js";
import { rebuiltRecipe } from "./rebuilt.js";
import { renameColumnRecipe } from "./rename-column.js";
import type { Recipe, RecipeFn } from "./shared.js";
import { createTableRecipe, dropTableRecipe, renameTableRecipe } from "./tables.js";

/**
 * SQLite's recipes: ALTER TABLE in place where SQLite allows it (ADD, DROP and RENAME COLUMN,
 * RENAME TO, CREATE and DROP INDEX, CREATE and DROP TABLE), else the documented table rebuild,
 * which does every change of its table at once (rebuilt.ts).
 */
const RECIPES: Partial<{ [K in Change["kind"]]: RecipeFn<Extract<Change, { kind: K }>> }> = {
  create_table: createTableRecipe,
  drop_table: dropTableRecipe,
  rename_table: renameTableRecipe,
  add_column: addColumnRecipe,
  drop_column: dropColumnRecipe,
  rename_column: renameColumnRecipe,
  add_index: addIndexRecipe,
  drop_index: dropIndexRecipe,
};

export function recipeFor(change: Change, ctx: PlanContext): PlannedRecipe {
  const fn = RECIPES[change.kind] as RecipeFn | undefined;
  return asRecords(fn ? fn(change, ctx) : otherRecipe(change, ctx));
}

function otherRecipe(change: Change, ctx: PlanContext): Recipe {
  if ("table" in change) return rebuiltRecipe(change, ctx);
  // Enums, sequences, namespaces, extensions: SQLite has none of them.
  return {
    kind: "other",
    risk: "safe",
    reasons: [`SQLite has no ${change.kind.replace(/^\w+_/, "")}s: nothing to do`],
    ops: [],
  };
}

/** Each statement made a record once; an op's hazards go with the statements of its up. */
function asRecords(recipe: Recipe): PlannedRecipe {
  const record = (sql: string) => plannedStatement(sql, recipe.kind);
  return {
    ...recipe,
    ops: recipe.ops.map((op) => {
      const hazards = op.findings?.length ? { hazards: op.findings } : {};
      return { ...op, up: op.up.map((sql) => ({ ...record(sql), ...hazards })), down: op.down.map(record) };
    }),
  };
}

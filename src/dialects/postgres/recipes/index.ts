import type { Change } from "../../../diff/changes.js";
import type { PlanContext, Recipe as PlannedRecipe } from "../../../plan/ops.js";
import { plannedStatement } from "../planned.js";
import type { Recipe, RecipeFn } from "./sql-ops.js";
import { alterColumnTypeRecipe } from "./column-type.js";
import { addColumnRecipe, dropColumnRecipe } from "./columns.js";
import { alterColumnOtherRecipe, dropNotNullRecipe, setDefaultRecipe, setNotNullRecipe } from "./column-properties.js";
import {
  addCheckRecipe,
  addExclusionRecipe,
  addForeignKeyRecipe,
  addPrimaryKeyRecipe,
  addUniqueRecipe,
  dropCheckRecipe,
  dropExclusionRecipe,
  dropForeignKeyRecipe,
  dropPrimaryKeyRecipe,
  dropUniqueRecipe,
  validateConstraintRecipe,
} from "./constraints.js";
import { addEnumValueRecipe, createEnumRecipe, dropEnumRecipe, dropEnumValueRecipe } from "./enums.js";
import { addIndexRecipe, dropIndexRecipe, renameIndexRecipe } from "./indexes.js";
import { extensionRecipe, namespaceRecipe, sequenceRecipe } from "./other.js";
import { renameColumnRecipe } from "./rename-column.js";
import { createTableRecipe, dropTableRecipe, renameTableRecipe } from "./tables.js";

/** One recipe per change kind: a plain map, so every kind has exactly one. */
const RECIPES: { [K in Change["kind"]]: RecipeFn<Extract<Change, { kind: K }>> } = {
  create_table: createTableRecipe,
  drop_table: dropTableRecipe,
  rename_table: renameTableRecipe,
  add_column: addColumnRecipe,
  drop_column: dropColumnRecipe,
  rename_column: renameColumnRecipe,
  alter_column_type: alterColumnTypeRecipe,
  alter_column_other: alterColumnOtherRecipe,
  set_not_null: setNotNullRecipe,
  drop_not_null: dropNotNullRecipe,
  set_default: setDefaultRecipe,
  drop_default: setDefaultRecipe,
  add_index: addIndexRecipe,
  drop_index: dropIndexRecipe,
  rename_index: renameIndexRecipe,
  add_foreign_key: addForeignKeyRecipe,
  drop_foreign_key: dropForeignKeyRecipe,
  add_unique: addUniqueRecipe,
  drop_unique: dropUniqueRecipe,
  add_check: addCheckRecipe,
  drop_check: dropCheckRecipe,
  add_primary_key: addPrimaryKeyRecipe,
  drop_primary_key: dropPrimaryKeyRecipe,
  add_exclusion: addExclusionRecipe,
  drop_exclusion: dropExclusionRecipe,
  validate_constraint: validateConstraintRecipe,
  create_enum: createEnumRecipe,
  drop_enum: dropEnumRecipe,
  add_enum_value: addEnumValueRecipe,
  drop_enum_value: dropEnumValueRecipe,
  create_sequence: sequenceRecipe,
  drop_sequence: sequenceRecipe,
  alter_sequence: sequenceRecipe,
  create_namespace: namespaceRecipe,
  drop_namespace: namespaceRecipe,
  create_extension: extensionRecipe,
  drop_extension: extensionRecipe,
};

/** The recipe for `change`, each of its statements made a record once (see planned.ts). */
export function recipeFor(change: Change, ctx: PlanContext): PlannedRecipe {
  const fn = RECIPES[change.kind] as RecipeFn;
  return asRecords(fn(change, ctx));
}

/** The op's hazards go with the statements of its up, which keep them. */
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

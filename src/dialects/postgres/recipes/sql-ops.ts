import type { Change } from "../../../diff/changes.js";
import type { PlanContext, Op as PlannedOp, Recipe as PlannedRecipe } from "../../../plan/ops.js";

/**
 * The recipes write their statements as SQL text; `recipeFor` (index.ts) makes each one a record
 * once, before the planner sees it (planned.ts).
 */
export type Op = PlannedOp<string>;
export type Recipe = PlannedRecipe<string>;
export type RecipeFn<C extends Change = Change> = (change: C, ctx: PlanContext) => Recipe;

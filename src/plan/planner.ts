import type { Change } from "../diff/changes.js";
import type { Finding } from "../schema/finding.js";
import type { Schema } from "../schema/model.js";
import type { ChangeReport, Step } from "./model.js";
import { type Op, type PlanContext, type PlanOptions, type Recipe, STAGE_ORDER } from "./ops.js";
import { confirmationReason } from "./confirmations.js";
import { assembleSteps } from "./steps.js";
import { withholdDependents } from "./withheld.js";

export interface PlannedChanges {
  readonly changes: readonly ChangeReport[];
  readonly steps: readonly Step[];
  readonly findings: readonly Finding[];
  /** Some step waits for a code deploy: the verdict is at least WARN. */
  readonly needsCodeDeploy: boolean;
  /** Columns the plan needs a `--backfill` value for. */
  readonly missingBackfills: readonly { readonly column: string; readonly type: string }[];
}

/** Change[] → reports and steps. A change whose recipe lacks input plans no ops and says why. */
export function planChanges(
  changes: readonly Change[],
  from: Schema,
  to: Schema,
  options: PlanOptions,
  baseName: string,
): PlannedChanges {
  const ctx: PlanContext = { options, from, to, changes };
  const recipes = withholdDependents(
    changes,
    changes.map((c) => confirmed(options.dialect.recipeFor(c, ctx), options)),
    options.dialect,
  );
  const ops = afterTheirChanges(changes, recipes);
  return {
    changes: recipes.map(({ kind, table, column, object, risk, reasons }) => ({
      kind,
      ...(table !== undefined ? { table } : {}),
      ...(column !== undefined ? { column } : {}),
      ...(object !== undefined ? { object } : {}),
      risk,
      reasons,
    })),
    steps: assembleSteps(ops, options, baseName, from),
    findings: [...recipes.flatMap((r) => r.findings ?? []), ...ops.flatMap((o) => o.findings ?? [])],
    missingBackfills: recipes.flatMap((r) => (r.missingBackfill ? [r.missingBackfill] : [])),
    needsCodeDeploy: ops.some((o) => o.needsCodeDeploy),
  };
}

/** A breaking change planned with --allow-breaking (or a yes at the prompt): its ops carry the reason for their markers. */
function confirmed(recipe: Recipe, options: PlanOptions): Recipe {
  if (recipe.risk !== "breaking" || !options.allowBreaking) return recipe;
  const reason = confirmationReason(recipe, options);
  return { ...recipe, ops: recipe.ops.map((op) => ({ ...op, confirmed: reason })) };
}

/** Every op, an op with `after` moved to the latest stage among the ops of the changes it names. */
function afterTheirChanges(changes: readonly Change[], recipes: readonly Recipe[]): Op[] {
  const opsOf = new Map(changes.map((c, i) => [c, recipes[i]!.ops]));
  return recipes.flatMap((r) =>
    r.ops.map((op) => {
      if (!op.after?.length) return op;
      const latest = Math.max(
        STAGE_ORDER.indexOf(op.stage),
        ...op.after.flatMap((c) => opsOf.get(c) ?? []).map((o) => STAGE_ORDER.indexOf(o.stage)),
      );
      return { ...op, stage: STAGE_ORDER[latest]! };
    }),
  );
}

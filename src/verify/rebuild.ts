import type { Dialect } from "../dialects/dialect.js";
import { diffSchemas } from "../diff/diff.js";
import type { Database } from "../engines/engine.js";
import { defaultPlanOptions } from "../plan/ops.js";
import { planChanges } from "../plan/planner.js";
import { emptySchema, type Schema } from "../schema/model.js";
import { runStep } from "./self-check.js";

/** Builds `schema` in the empty database `db`, with the statements a plan from nothing would run. */
// `dialect` is for the planner (its recipes) once the plan stage asks it; the steps run as planned.
export async function rebuild(db: Database, schema: Schema, _dialect: Dialect): Promise<void> {
  const steps = planChanges(diffSchemas(emptySchema, schema), emptySchema, schema, defaultPlanOptions, "rebuild").steps;
  for (const step of steps) await runStep(db, step, "up");
}

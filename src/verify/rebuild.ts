import type { Dialect } from "../dialects/dialect.js";
import { diffSchemas } from "../diff/diff.js";
import type { Database } from "../engines/engine.js";
import { defaultPlanOptions } from "../plan/ops.js";
import { planChanges } from "../plan/planner.js";
import { emptySchema, type Schema } from "../schema/model.js";
import { runStep } from "./self-check.js";

/** Builds `schema` in the empty database `db`, with the statements a plan from nothing would run. */
export async function rebuild(db: Database, schema: Schema, dialect: Dialect): Promise<void> {
  const options = { ...defaultPlanOptions, dialect };
  const steps = planChanges(diffSchemas(emptySchema, schema, dialect), emptySchema, schema, options, "rebuild").steps;
  for (const step of steps) await runStep(db, step, "up");
}

import type { Change } from "../diff/changes.js";
import type { Step } from "../plan/model.js";
import type { Built } from "../sources/build.js";
import { rebuild } from "./rebuild.js";
import { scopeOf } from "./scope.js";
import { selfCheck } from "./self-check.js";

/**
 * Runs the plan up and down on the current schema. On a database built from the model, the part
 * the plan touches is checked first; a failure there is checked again on the whole history.
 */
export async function checkPlan(built: Built, steps: readonly Step[], diff: readonly Change[]) {
  if (built.ready) return selfCheck(built.db, steps, built.from, built.to);
  const scope = scopeOf(diff, built.from, built.to);
  await rebuild(built.db, scope.from);
  const scoped = await selfCheck(built.db, steps, scope.from, scope.to);
  if (scoped.ok) return scoped;
  return selfCheck(await built.materialize(), steps, built.from, built.to);
}

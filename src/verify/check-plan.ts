import type { Change } from "../diff/changes.js";
import type { Dialect } from "../dialects/dialect.js";
import type { Database } from "../engines/engine.js";
import type { Step } from "../plan/model.js";
import type { Built } from "./build-schemas.js";
import { rebuild } from "./rebuild.js";
import { scopeOf } from "./scope.js";
import { selfCheck } from "./self-check.js";
import { checkWithRows } from "./with-rows.js";

export interface PlanCheck {
  readonly ok: boolean;
  /** Errors: the plan does not run, or does not give the schemas it should. */
  readonly problems: readonly string[];
  /** Failures over sample rows that depend on the values (see checkWithRows). */
  readonly notes: readonly string[];
}

/**
 * Runs the plan up and down on the current schema, on empty tables (the schema after each pass is
 * compared), then again over sample rows in the tables the plan touches. On a database built from
 * the model, the part the plan touches is checked first; a failure there is checked again on the
 * whole history.
 */
export async function checkPlan(
  built: Built,
  steps: readonly Step[],
  diff: readonly Change[],
  dialect: Dialect,
): Promise<PlanCheck> {
  const scope = scopeOf(diff, built.from, built.to);
  const withRows = async (db: Database, result: { ok: boolean; problems: readonly string[] }) => {
    if (!result.ok) return { ...result, notes: [] };
    const rows = await checkWithRows(db, steps, scope.from);
    return { ok: rows.problems.length === 0, problems: rows.problems, notes: rows.notes };
  };
  if (built.ready) return withRows(built.db, await selfCheck(built.db, steps, built.from, built.to, dialect));
  await rebuild(built.db, scope.from, dialect);
  const scoped = await selfCheck(built.db, steps, scope.from, scope.to, dialect);
  if (scoped.ok) return withRows(built.db, scoped);
  const db = await built.materialize();
  return withRows(db, await selfCheck(db, steps, built.from, built.to, dialect));
}

import type { Dialect } from "../dialects/dialect.js";
import { diffSchemas } from "../diff/diff.js";
import type { Step } from "../plan/model.js";
import { defaultPlanOptions, type PlanOptions } from "../plan/ops.js";
import { type PlannedChanges, planChanges } from "../plan/planner.js";
import type { Schema } from "../schema/model.js";

/** The down of one migration, computed from the schema before and after its up. */
export interface ComputedDown {
  /** Statements to run in one transaction; empty when no down could be made. */
  readonly statements: readonly string[];
  /** What the down cannot bring back (the values of a dropped column…), as the planner says it. */
  readonly dataLoss: readonly string[];
  /** Why no down could be made. */
  readonly problem?: string;
}

/**
 * The down that takes a database from `after` back to `before`. Renames are never guessed (a
 * dropped and an added column stay a drop and an add); breaking changes are allowed, since a down
 * restores the old shape. Two plans are tried, in order:
 *
 * 1. `after → before`, its steps' ups in order: the planner's recipes for the way back;
 * 2. `before → after`, its steps' downs in reverse: the reverses the planner writes for each
 *    change. It restores what plan 1 cannot without a backfill value (a dropped NOT NULL column
 *    comes back empty, with a filler default it then drops).
 *
 * The down is one file, run in one transaction as every runner runs a file: CONCURRENTLY index
 * builds and drops lose their CONCURRENTLY; a plan holding another statement that must run alone
 * (a batched backfill) is not used.
 */
export function computeDown(
  before: Schema,
  after: Schema,
  dialect: Dialect,
  options: Partial<Omit<PlanOptions, "dialect">> = {},
): ComputedDown {
  const opts: PlanOptions = { ...defaultPlanOptions, ...options, dialect, allowBreaking: true };
  const forward = planChanges(diffSchemas(before, after, dialect), before, after, opts, "up");
  const dataLoss = [...new Set(forward.steps.flatMap((s) => (s.dataLoss ? [s.dataLoss] : [])))];
  const back = diffSchemas(after, before, dialect);
  if (back.length === 0)
    return {
      statements: [],
      dataLoss,
      problem:
        "Lockstep sees no schema change in it (a data-only migration, or objects its schema model does not hold yet: views, functions, triggers), so no down can be computed; write it by hand, or mark it `-- lockstep: irreversible <reason>`",
    };
  const backward = planChanges(back, after, before, opts, "down");
  const tried = [
    oneTransaction(backward, backward.steps, "up"),
    oneTransaction(forward, [...forward.steps].reverse(), "down"),
  ];
  const made = tried.find((t): t is string[] => Array.isArray(t));
  return made ? { statements: made, dataLoss } : { statements: [], dataLoss, problem: tried[0] as string };
}

/**
 * The steps' statements (one direction) as one transaction, or why they cannot be. A step the
 * planner runs in a transaction is kept as it is; a step it runs outside one is kept only in a form
 * that runs inside one (the record's `inTransaction`: CREATE INDEX without CONCURRENTLY).
 */
function oneTransaction(planned: PlannedChanges, steps: readonly Step[], direction: "up" | "down"): string[] | string {
  const blocking = planned.findings.filter((f) => f.severity === "error");
  if (blocking.length) return blocking.map((f) => `${f.message}${f.fix ? ` (${f.fix})` : ""}`).join("; ");
  if (steps.length === 0) return "the planner found no way back";
  const out: string[] = [];
  for (const step of steps)
    for (const statement of step.statements?.[direction] ?? []) {
      const inside = step.transactional || statement.transactional ? statement.sql : statement.inTransaction;
      if (inside === undefined)
        return `the way back needs a statement that runs outside a transaction: ${statement.sql.split("\n")[0]}`;
      // Each step sets the same lock_timeout: once is enough in one transaction.
      if (statement.session && out.includes(inside)) continue;
      out.push(inside);
    }
  return out;
}

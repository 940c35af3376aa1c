import type { Step } from "../../plan/model.js";

/**
 * Deploys of a plan: a new deploy starts where the phase changes (expand → backfill → contract),
 * since each phase waits for the one before it to be live (and, before a contract, for the code
 * that no longer needs what it removes). Runners apply every pending migration at once, so only
 * one deploy's migrations may sit in the migrations folder at a time.
 */
export function deployIndexes(steps: readonly Step[]): number[] {
  let n = 0;
  return steps.map((s, i) => (i > 0 && s.phase !== steps[i - 1]!.phase ? ++n : n));
}

/** The steps grouped by deploy, in order; none for no steps. */
export function splitDeploys(steps: readonly Step[]): Step[][] {
  const deploys: Step[][] = [];
  deployIndexes(steps).forEach((d, i) => (deploys[d] ??= []).push(steps[i]!));
  return deploys;
}

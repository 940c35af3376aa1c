/**
 * What a conformance plan case (`expect.json` of postgres-plan, sqlite-plan…) asks of a plan, checked
 * the same way for every dialect (../shared/conformance/README.md). The verdict, the exit code and the
 * round trip are each dialect's test's own.
 */
import { expect } from "vitest";
import type { Plan } from "../../src/plan/model.js";

export interface PlanCaseExpect {
  description: string;
  args?: string[];
  changes?: { kind: string; table?: string; column?: string; risk?: string }[];
  verdict?: string;
  minSteps?: number;
  maxSteps?: number;
  phases?: string[];
  nonTransactionalStep?: boolean;
  upContains?: string[];
  findings?: string[];
  mentions?: string[];
  dataLoss?: boolean;
  roundTrip?: boolean;
}

type PlanShape = Pick<Plan, "changes" | "steps" | "findings">;

export function expectPlanCase(plan: PlanShape, want: PlanCaseExpect): void {
  if (want.changes) {
    if (want.changes.length === 0) expect(plan.changes).toEqual([]);
    for (const change of want.changes) expect(plan.changes).toContainEqual(expect.objectContaining(change));
  }
  if (want.minSteps !== undefined) expect(plan.steps.length).toBeGreaterThanOrEqual(want.minSteps);
  if (want.maxSteps !== undefined) expect(plan.steps.length).toBeLessThanOrEqual(want.maxSteps);
  if (want.phases) {
    const phases = plan.steps.map((s) => s.phase);
    let at = 0;
    for (const p of want.phases) {
      const found = phases.indexOf(p as (typeof phases)[number], at);
      expect(found, `phase ${p} in order within ${phases.join(", ")}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  }
  if (want.nonTransactionalStep) expect(plan.steps.some((s) => !s.transactional)).toBe(true);
  const up = plan.steps.flatMap((s) => s.up).join("\n");
  for (const s of want.upContains ?? []) expect(up).toContain(s);
  for (const rule of want.findings ?? []) expect(plan.findings.map((f) => f.rule)).toContain(rule);
  const text = [...plan.changes.flatMap((c) => c.reasons), ...plan.findings.map((f) => f.message)]
    .join("\n")
    .toLowerCase();
  for (const word of want.mentions ?? []) expect(text).toContain(word.toLowerCase());
  if (want.dataLoss) expect(plan.steps.some((s) => !!s.dataLoss)).toBe(true);
  // Every step can be undone: a down is never empty.
  for (const s of plan.steps) expect(s.down.length, `${s.name} has a down`).toBeGreaterThan(0);
}

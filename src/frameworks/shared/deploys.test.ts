import { describe, expect, it } from "vitest";
import { deployIndexes, splitDeploys } from "./deploys.js";
import type { Phase, Step } from "../../plan/model.js";

const step = (name: string, phase: Phase): Step => ({
  name,
  phase,
  transactional: true,
  up: ["SELECT 1"],
  down: ["SELECT 1"],
  deploy: "",
});

describe("deploys", () => {
  it("a new deploy where the phase changes: expand → backfill → contract is three", () => {
    const steps = [
      step("a", "expand"),
      step("b", "expand"),
      step("c", "backfill"),
      step("d", "contract"),
      step("e", "contract"),
    ];
    expect(deployIndexes(steps)).toEqual([0, 0, 1, 2, 2]);
    expect(splitDeploys(steps).map((d) => d.map((s) => s.name))).toEqual([["a", "b"], ["c"], ["d", "e"]]);
  });

  it("single-phase steps are one deploy; no steps, none", () => {
    expect(splitDeploys([step("a", "single"), step("b", "single")])).toHaveLength(1);
    expect(splitDeploys([])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import type { PlannedStatement, Step } from "../plan/model.js";
import { planProperties, stepLocks } from "./plan-report.js";

const record = (sql: string, lock?: PlannedStatement["lock"]): PlannedStatement => ({
  sql,
  transactional: true,
  queues: [],
  creates: [],
  ...(lock ? { lock } : {}),
});

// The records say what each statement locks: the report reads them, and parses nothing.
const step: Step = {
  name: "x_1_schema",
  phase: "single",
  transactional: true,
  up: ["not parsed", "DO $$ BEGIN NULL; END $$", "SET LOCAL lock_timeout = '2s'"],
  down: ["undo"],
  deploy: "Runs with the current code live.",
  statements: {
    up: [
      record("not parsed", [{ mode: "ACCESS EXCLUSIVE", relation: "users" }]),
      record("DO $$ BEGIN NULL; END $$"),
      record("SET LOCAL lock_timeout = '2s'", []),
    ],
    down: [record("undo", [])],
  },
};

describe("stepLocks", () => {
  it("one line per statement that takes a lock, as its record says; a DO block's are its inner statements'", () => {
    expect(stepLocks(step)).toEqual([
      "ACCESS EXCLUSIVE on users: not parsed",
      "the locks of the statements inside: DO $$ BEGIN NULL; END $$",
    ]);
  });

  it("SARIF's property bag carries the locks, not the records", () => {
    const [s] = planProperties({ verdict: "PASS", changes: [], steps: [step], files: [], findings: [] })
      .steps as Record<string, unknown>[];
    expect(s).not.toHaveProperty("statements");
    expect(s!.locks).toHaveLength(2);
  });
});

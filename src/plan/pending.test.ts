import { beforeAll, describe, expect, it } from "vitest";
import { postgres } from "../dialects/postgres/index.js";
import type { Step } from "./model.js";
import { withRecords } from "./pending.js";

beforeAll(() => postgres.ready());

describe("withRecords", () => {
  const kept: Step = {
    name: "x_2_contract",
    phase: "contract",
    transactional: true,
    up: ["SET LOCAL lock_timeout = '2s'", "ALTER TABLE users DROP COLUMN legacy"],
    down: ["ALTER TABLE users ADD COLUMN legacy text"],
    deploy: "Runs once the code no longer needs what it removes.",
  };

  it("makes the records of a step an older Lockstep kept as SQL text", () => {
    const step = withRecords(kept, postgres);
    expect(step.statements!.up.map((s) => s.sql)).toEqual(kept.up);
    expect(step.statements!.up[1]!.lock).toEqual([{ mode: "ACCESS EXCLUSIVE", relation: "users" }]);
    expect(step.statements!.down).toHaveLength(1);
  });

  it("keeps the records a step has", () => {
    const step = withRecords(kept, postgres);
    expect(withRecords(step, postgres)).toBe(step);
  });
});

import { describe, expect, it } from "vitest";
import { initParser } from "../../src/dialects/postgres/parse.js";
import type { Step } from "../../src/plan/model.js";
import { undeclaredLintFindings } from "../helpers/plan-lint.js";

/** The suite's lint pass over plans (test/helpers/plan-lint.ts) must catch what it is there for. */
const step = (up: string[], transactional = true): Step => ({
  name: "s",
  phase: "single",
  transactional,
  up,
  down: ["SELECT 1"],
  deploy: "",
});

describe("the lint pass over every plan the suite makes", () => {
  it("reports VALIDATE after SET NOT NULL in one transaction (the planner's old contract step)", async () => {
    await initParser();
    const bad = step([
      "SET LOCAL lock_timeout = '2s'",
      "ALTER TABLE users VALIDATE CONSTRAINT users_a_not_null",
      "ALTER TABLE users ALTER COLUMN a SET NOT NULL",
      "ALTER TABLE users VALIDATE CONSTRAINT users_b_not_null",
    ]);
    const rules = undeclaredLintFindings({ steps: [bad], findings: [] }).map((f) => f.rule);
    expect(rules).toContain("validate-in-same-transaction");
  });

  it("passes the same statements with every VALIDATE first, and leaves out what the plan declares", async () => {
    await initParser();
    const good = step([
      "SET LOCAL lock_timeout = '2s'",
      "ALTER TABLE users VALIDATE CONSTRAINT users_a_not_null",
      "ALTER TABLE users VALIDATE CONSTRAINT users_b_not_null",
      "ALTER TABLE users DROP CONSTRAINT users_a_not_null",
    ]);
    expect(undeclaredLintFindings({ steps: [good], findings: [] })).toEqual([]);
    const drop = step(["SET LOCAL lock_timeout = '2s'", "ALTER TABLE users DROP COLUMN name"]);
    expect(undeclaredLintFindings({ steps: [drop], findings: [] }).map((f) => f.rule)).toEqual(["drop-column"]);
    const declared = [{ rule: "drop-column", severity: "warning" as const, message: "confirmed" }];
    expect(undeclaredLintFindings({ steps: [drop], findings: declared })).toEqual([]);
  });
});

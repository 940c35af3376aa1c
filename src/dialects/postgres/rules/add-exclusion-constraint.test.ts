import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { addExclusionConstraint } from "./add-exclusion-constraint.js";

const rules = [addExclusionConstraint];

describe("add-exclusion-constraint", () => {
  it.each([
    ["ALTER TABLE users ADD CONSTRAINT c CHECK (score > 0) NOT VALID;"],
    [
      "CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nALTER TABLE t ADD CONSTRAINT e EXCLUDE USING gist (n WITH =);",
    ],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    [
      "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);",
      ["add-exclusion-constraint@1"],
    ],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });
});

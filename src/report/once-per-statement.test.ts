import { describe, expect, it } from "vitest";
import type { Finding } from "./finding.js";
import { oncePerStatement } from "./once-per-statement.js";

const lint: Finding = {
  rule: "require-lock-timeout",
  severity: "warning",
  message: "this statement waits for ACCESS EXCLUSIVE on users with no lock_timeout",
  fix: "SET lock_timeout = '2s';",
  file: "m/0002.sql",
  line: 1,
  column: 1,
};
const traced: Finding = { ...lint, message: "held AccessExclusive on users with no lock_timeout", fix: undefined };

describe("oncePerStatement", () => {
  it("keeps the first report of a rule on a statement, with the highest severity", () => {
    expect(oncePerStatement([lint, traced])).toEqual([lint]);
    expect(oncePerStatement([lint, { ...traced, severity: "error" }])).toEqual([{ ...lint, severity: "error" }]);
  });

  it("keeps other rules, other lines, other files and findings without a line", () => {
    const others: Finding[] = [
      { ...lint, rule: "type-change-rewrite" },
      { ...lint, line: 2 },
      { ...lint, file: "m/0003.sql" },
      { rule: "schema-drift", severity: "warning", message: "drift", file: "schema.sql" },
      { rule: "schema-drift", severity: "warning", message: "drift", file: "schema.sql" },
    ];
    expect(oncePerStatement([lint, ...others, traced])).toEqual([lint, ...others]);
  });
});

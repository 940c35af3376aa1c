import { describe, expect, it } from "vitest";
import type { Finding } from "../schema/finding.js";
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
  it("leaves out the second pass's report of a rule the first pass made on the statement, keeping the higher severity", () => {
    expect(oncePerStatement([lint], [traced])).toEqual([lint]);
    expect(oncePerStatement([lint], [{ ...traced, severity: "error" }])).toEqual([{ ...lint, severity: "error" }]);
  });

  it("keeps two findings of one rule on a statement within a pass (two foreign keys), other lines and findings without a line", () => {
    const fk: Finding = { rule: "missing-foreign-key-index", severity: "info", message: "a", file: "m/1.sql", line: 1 };
    const first = [fk, { ...fk, message: "b" }];
    const second: Finding[] = [
      { ...traced, line: 2 },
      { ...traced, file: "m/0003.sql" },
      { rule: "type-change-rewrite", severity: "warning", message: "rewrote users", file: "m/0002.sql", line: 1 },
      { rule: "schema-drift", severity: "warning", message: "drift", file: "schema.sql" },
    ];
    expect(oncePerStatement([...first, lint], [traced, ...second])).toEqual([...first, lint, ...second]);
  });
});

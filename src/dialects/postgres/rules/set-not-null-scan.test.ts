import { describe, expect, it } from "vitest";
import { at, lintSql, testSchema, testTable } from "../../../lint/testing.js";
import { setNotNullScan } from "./set-not-null-scan.js";

const rules = [setNotNullScan];

describe("set-not-null-scan", () => {
  it.each([
    ["ALTER TABLE users ALTER COLUMN name DROP NOT NULL;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;"],
    ["ALTER TABLE users ADD CONSTRAINT c CHECK (name IS NOT NULL);\nALTER TABLE users ALTER COLUMN name SET NOT NULL;"],
    [
      "ALTER TABLE users ADD CONSTRAINT c CHECK (name IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT c;\nALTER TABLE users ALTER COLUMN name SET NOT NULL;",
    ],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["ALTER TABLE users ALTER COLUMN name SET NOT NULL;", ["set-not-null-scan@1"]],
    [
      "ALTER TABLE users ADD CONSTRAINT c CHECK (name IS NOT NULL) NOT VALID;\nALTER TABLE users ALTER COLUMN name SET NOT NULL;",
      ["set-not-null-scan@2"],
    ],
    [
      "ALTER TABLE users ADD CONSTRAINT c CHECK (email IS NOT NULL);\nALTER TABLE users ALTER COLUMN name SET NOT NULL;",
      ["set-not-null-scan@2"],
    ],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("trusts a validated CHECK from the schema, and never before PostgreSQL 12", async () => {
    const schema = testSchema([
      testTable(
        "users",
        { id: "bigint", name: "text" },
        { checks: [{ name: "c", definition: "CHECK ((name IS NOT NULL))", validated: true }] },
      ),
    ]);
    const sql = "ALTER TABLE users ALTER COLUMN name SET NOT NULL;";
    expect(at(await lintSql(sql, rules, { schema }))).toEqual([]);
    expect(at(await lintSql(sql, rules, { schema, postgresVersion: 11 }))).toEqual(["set-not-null-scan@1"]);
    const notValidated = testSchema([
      testTable(
        "users",
        { id: "bigint", name: "text" },
        { checks: [{ name: "c", definition: "CHECK ((name IS NOT NULL))", validated: false }] },
      ),
    ]);
    expect(at(await lintSql(sql, rules, { schema: notValidated }))).toEqual(["set-not-null-scan@1"]);
  });

  it("reports at the statement's line and column", async () => {
    const [f] = await lintSql("/* x */ ALTER TABLE users ALTER COLUMN name SET NOT NULL;", rules);
    expect([f!.line, f!.column, f!.severity]).toEqual([1, 9, "warning"]);
  });
});

import { describe, expect, it } from "vitest";
import { at, lintSql, testSchema, testTable } from "../../../lint/testing.js";
import { narrowingTypeChange } from "./narrowing-type-change.js";

const rules = [narrowingTypeChange];

describe("narrowing-type-change", () => {
  it.each([
    ["ALTER TABLE users ALTER COLUMN note TYPE varchar(10);"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nALTER TABLE t ALTER COLUMN a TYPE varchar(5);"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  const schema = testSchema([
    testTable("users", { id: "bigint", score: "integer", note: "character varying(50)", name: "text" }),
  ]);

  it.each([
    ["ALTER TABLE users ALTER COLUMN note TYPE varchar(10);", ["narrowing-type-change@1"]],
    ["ALTER TABLE users ALTER COLUMN score TYPE smallint;", ["narrowing-type-change@1"]],
    ["ALTER TABLE users ALTER COLUMN name TYPE integer USING name::integer;", ["narrowing-type-change@1"]],
    ["ALTER TABLE users ALTER COLUMN note TYPE varchar(200);", []],
    ["ALTER TABLE users ALTER COLUMN score TYPE bigint;", []],
  ])("with --schema: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules, { schema });
    expect(at(findings)).toEqual(expected);
    if (expected.length) expect(findings[0]!.severity).toBe("error");
  });
});

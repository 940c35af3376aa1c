import { describe, expect, it } from "vitest";
import { at, lintSql, testSchema, testTable } from "../../../lint/testing.js";
import { typeChangeRewrite } from "./type-change-rewrite.js";

const rules = [typeChangeRewrite];

describe("type-change-rewrite", () => {
  it.each([["CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nALTER TABLE t ALTER COLUMN n TYPE bigint;"]])(
    "valid: %s",
    async (sql) => {
      expect(at(await lintSql(sql, rules))).toEqual([]);
    },
  );

  it.each([["ALTER TABLE users ALTER COLUMN score TYPE bigint;", ["type-change-rewrite@1"]]])(
    "invalid: %s",
    async (sql, expected) => {
      const findings = await lintSql(sql, rules);
      expect(at(findings)).toEqual(expected);
      expect(findings[0]!.message.length).toBeGreaterThan(10);
      expect(findings[0]!.fix).toBeTruthy();
    },
  );

  const schema = testSchema([
    testTable("users", { id: "bigint", score: "integer", note: "character varying(50)", name: "text" }),
  ]);

  it.each([
    ["ALTER TABLE users ALTER COLUMN score TYPE bigint;", ["type-change-rewrite@1"]],
    ["ALTER TABLE users ALTER COLUMN score TYPE int8 USING score::bigint;", ["type-change-rewrite@1"]],
    ["ALTER TABLE users ALTER COLUMN note TYPE varchar(200);", []],
    ["ALTER TABLE users ALTER COLUMN note TYPE text;", []],
    ["ALTER TABLE users ALTER COLUMN note TYPE varchar(10);", []],
    ["ALTER TABLE users ALTER COLUMN score TYPE smallint;", []],
  ])("with --schema: %s", async (sql, expected) => {
    expect(at(await lintSql(sql, rules, { schema }))).toEqual(expected);
  });

  it("says the current type is unknown without --schema", async () => {
    const [f] = await lintSql("ALTER TABLE users ALTER COLUMN note TYPE varchar(200);", rules);
    expect(f!.message).toContain("unknown");
  });
});

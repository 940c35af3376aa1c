import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { identifierTooLong } from "./identifier-too-long.js";

const rules = [identifierTooLong];

describe("identifier-too-long", () => {
  it.each([
    ["ALTER TABLE users ADD COLUMN short_name text;"],
    ["CREATE TABLE t (id int, name_of_exactly_sixty_three_bytes_aaaaaaaaaaaaaaaaaaaaaaaaaaaaa int);"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    [
      "ALTER TABLE users ADD COLUMN a_very_long_identifier_name_that_goes_well_past_the_postgresql_limit text;",
      ["identifier-too-long@1"],
    ],
    [
      "CREATE TABLE a_very_long_identifier_name_that_goes_well_past_the_postgresql_limit (id int);",
      ["identifier-too-long@1"],
    ],
    [
      "CREATE INDEX a_very_long_identifier_name_that_goes_well_past_the_postgresql_limit ON users (email);",
      ["identifier-too-long@1"],
    ],
    [
      'ALTER TABLE users ADD CONSTRAINT "a_very_long_identifier_name_that_goes_well_past_the_postgresql_limit_Quoted" CHECK (id > 0);',
      ["identifier-too-long@1"],
    ],
    [
      "CREATE TABLE t (id int, c int CONSTRAINT a_very_long_identifier_name_that_goes_well_past_the_postgresql_limit NOT NULL);",
      ["identifier-too-long@1"],
    ],
    [
      "ALTER TABLE users RENAME COLUMN a TO \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9;",
      ["identifier-too-long@1"],
    ],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("gives the name as written and as truncated", async () => {
    const [f] = await lintSql(
      "ALTER TABLE users ADD COLUMN a_very_long_identifier_name_that_goes_well_past_the_postgresql_limit text;",
      rules,
    );
    expect(f!.message).toContain("a_very_long_identifier_name_that_goes_well_past_the_postgresql_limit");
    expect(f!.message).toContain('a_very_long_identifier_name_that_goes_well_past_the_postgresql_"');
  });
});

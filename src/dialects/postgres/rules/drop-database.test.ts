import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { dropDatabase } from "./drop-database.js";

const rules = [dropDatabase];

describe("drop-database", () => {
  it.each([["DROP SCHEMA s;"], ["CREATE TABLE d (id int);"]])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules, { transactional: false }))).toEqual([]);
  });

  it.each([["DROP DATABASE app;", ["drop-database@1"]]])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules, { transactional: false });
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });
});

import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { truncateTable } from "./truncate-table.js";

const rules = [truncateTable];

describe("truncate-table", () => {
  it.each([["CREATE TABLE t (id bigint PRIMARY KEY, a text);\nTRUNCATE t;"], ["DELETE FROM users WHERE id < 10;"]])(
    "valid: %s",
    async (sql) => {
      expect(at(await lintSql(sql, rules))).toEqual([]);
    },
  );

  it.each([
    ["TRUNCATE orders;", ["truncate-table@1"]],
    ["TRUNCATE TABLE a, b CASCADE;", ["truncate-table@1"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("says what CASCADE adds", async () => {
    const [f] = await lintSql("TRUNCATE a CASCADE;", rules);
    expect(f!.message).toContain("CASCADE");
  });
});

import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { dropTable } from "./drop-table.js";

const rules = [dropTable];

describe("drop-table", () => {
  it.each([["DROP INDEX i;"], ["CREATE TABLE t (id bigint PRIMARY KEY, a text);\nDROP TABLE t;"], ["DROP VIEW v;"]])(
    "valid: %s",
    async (sql) => {
      expect(at(await lintSql(sql, rules))).toEqual([]);
    },
  );

  it.each([
    ["DROP TABLE orders;", ["drop-table@1"]],
    ["SELECT 1;\nDROP TABLE IF EXISTS a, billing.b CASCADE;", ["drop-table@2"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });
});

import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { requireConcurrentIndexDrop } from "./require-concurrent-index-drop.js";

const rules = [requireConcurrentIndexDrop];

describe("require-concurrent-index-drop", () => {
  it.each([
    ["DROP INDEX CONCURRENTLY users_email_idx;"],
    ["CREATE TABLE t (a int);\nCREATE INDEX t_a_idx ON t (a);\nDROP INDEX t_a_idx;"],
    ["DROP TABLE x;"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["DROP INDEX users_email_idx;", ["require-concurrent-index-drop@1"]],
    ["DROP INDEX IF EXISTS a, b;", ["require-concurrent-index-drop@1"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });
});

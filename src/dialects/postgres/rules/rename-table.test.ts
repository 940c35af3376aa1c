import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { renameTable } from "./rename-table.js";

const rules = [renameTable];

describe("rename-table", () => {
  it.each([
    ["ALTER TABLE users RENAME COLUMN a TO b;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text);\nALTER TABLE t RENAME TO u;"],
    ["ALTER INDEX i RENAME TO j;"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([["ALTER TABLE users RENAME TO people;", ["rename-table@1"]]])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });
});

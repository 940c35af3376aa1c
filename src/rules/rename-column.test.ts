import { describe, expect, it } from "vitest";
import { at, lintSql } from "../lint/testing.js";
import { renameColumn } from "./rename-column.js";

const rules = [renameColumn];

describe("rename-column", () => {
  it.each([
    ["ALTER TABLE users RENAME TO people;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text);\nALTER TABLE t RENAME COLUMN a TO b;"],
    ["ALTER INDEX i RENAME TO j;"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["ALTER TABLE users RENAME COLUMN name TO full_name;", ["rename-column@1"]],
    ["\n\nALTER TABLE billing.invoices RENAME number TO code;", ["rename-column@3"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });
});

import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { renameColumn } from "./rename-column.js";

const rules = [renameColumn];

describe("rename-column", () => {
  it.each([
    ["ALTER TABLE users RENAME TO people;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text);\nALTER TABLE t RENAME COLUMN a TO b;"],
    ["ALTER INDEX i RENAME TO j;"],
    // A swap in one transaction: the table keeps a column `price`.
    ["ALTER TABLE p RENAME COLUMN price TO price_old;\nALTER TABLE p RENAME COLUMN price_new TO price;"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["ALTER TABLE users RENAME COLUMN name TO full_name;", ["rename-column@1"]],
    ["\n\nALTER TABLE billing.invoices RENAME number TO code;", ["rename-column@3"]],
    // Not a swap: another table takes the name, or the two renames run in separate transactions.
    [
      "ALTER TABLE p RENAME COLUMN price TO price_old;\nALTER TABLE q RENAME COLUMN price_new TO price;",
      ["rename-column@1", "rename-column@2"],
    ],
    [
      "BEGIN;\nALTER TABLE p RENAME COLUMN price TO price_old;\nCOMMIT;\nBEGIN;\nALTER TABLE p RENAME COLUMN price_new TO price;\nCOMMIT;",
      ["rename-column@2", "rename-column@5"],
    ],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });
});

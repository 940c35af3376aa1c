import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { enumAddValueInTransaction } from "./enum-add-value-in-transaction.js";

const rules = [enumAddValueInTransaction];

describe("enum-add-value-in-transaction", () => {
  it.each([
    ["ALTER TYPE mood ADD VALUE 'happy';"],
    ["ALTER TYPE mood ADD VALUE 'happy';\nCOMMIT;\nUPDATE users SET name = 'x';"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    [
      "ALTER TYPE mood ADD VALUE 'happy';\nUPDATE users SET name = 'x' WHERE name IS NULL;",
      ["enum-add-value-in-transaction@1"],
    ],
    ["SELECT 1;\nALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';", ["enum-add-value-in-transaction@2"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("before PostgreSQL 12 any ADD VALUE in a transaction is reported, none outside one", async () => {
    const sql = "ALTER TYPE mood ADD VALUE 'happy';";
    expect(at(await lintSql(sql, rules, { postgresVersion: 11 }))).toEqual(["enum-add-value-in-transaction@1"]);
    expect(at(await lintSql(sql, rules, { postgresVersion: 11, transactional: false }))).toEqual([]);
    expect(at(await lintSql(`${sql}\nSELECT 1;`, rules, { transactional: false }))).toEqual([]);
  });
});

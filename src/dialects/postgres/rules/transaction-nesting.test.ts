import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { transactionNesting } from "./transaction-nesting.js";

const rules = [transactionNesting];

describe("transaction-nesting", () => {
  it.each([["BEGIN;\nALTER TABLE users ADD COLUMN a text;\nCOMMIT;"], ["ALTER TABLE users ADD COLUMN a text;"]])(
    "valid: %s",
    async (sql) => {
      expect(at(await lintSql(sql, rules, { transactional: false }))).toEqual([]);
    },
  );

  it.each([
    ["BEGIN;\nALTER TABLE users ADD COLUMN a text;", ["transaction-nesting@1"]],
    ["BEGIN;\nBEGIN;\nCOMMIT;", ["transaction-nesting@2"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules, { transactional: false });
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("reports a COMMIT that ends the tool's transaction", async () => {
    const sql = "ALTER TABLE users ADD COLUMN a text;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON users (a);";
    expect(at(await lintSql(sql, rules))).toEqual(["transaction-nesting@2"]);
  });

  it("reports BEGIN in a file the tool wraps in a transaction", async () => {
    const sql = "BEGIN;\nALTER TABLE users ADD COLUMN a text;\nCOMMIT;";
    expect(at(await lintSql(sql, rules))).toEqual(["transaction-nesting@1"]);
  });
});

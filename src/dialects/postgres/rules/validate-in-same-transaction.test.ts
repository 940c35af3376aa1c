import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { validateInSameTransaction } from "./validate-in-same-transaction.js";

const rules = [validateInSameTransaction];

describe("validate-in-same-transaction", () => {
  it.each([
    ["ALTER TABLE orders VALIDATE CONSTRAINT fk;"],
    [
      "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE orders VALIDATE CONSTRAINT fk;",
    ],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    [
      "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT fk;",
      ["validate-in-same-transaction@2"],
    ],
    [
      "ALTER TABLE users DROP COLUMN x;\nALTER TABLE orders VALIDATE CONSTRAINT fk;",
      ["validate-in-same-transaction@2"],
    ],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("is fine outside a transaction", async () => {
    const sql =
      "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT fk;";
    expect(at(await lintSql(sql, rules, { transactional: false }))).toEqual([]);
  });
});

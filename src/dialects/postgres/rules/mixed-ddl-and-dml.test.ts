import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { mixedDdlAndDml } from "./mixed-ddl-and-dml.js";

const rules = [mixedDdlAndDml];

describe("mixed-ddl-and-dml", () => {
  it.each([
    ["ALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b text;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text, n int);\nINSERT INTO t (id) VALUES (1);"],
    ["ALTER TABLE users ADD COLUMN a text;\nCOMMIT;\nBEGIN;\nUPDATE users SET a = 'x' WHERE id < 10;"],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["ALTER TABLE users ADD COLUMN a text;\nUPDATE users SET a = 'x' WHERE id < 10;", ["mixed-ddl-and-dml@2"]],
    [
      "UPDATE users SET a = 'x' WHERE id < 10;\nCREATE INDEX i ON users (a);\nALTER TABLE users DROP COLUMN b;",
      ["mixed-ddl-and-dml@2"],
    ],
    // Each block is its own: reported once in each, however long it runs on.
    [
      "ALTER TABLE users ADD COLUMN a text;\nUPDATE users SET a = 'x' WHERE id < 10;\nUPDATE users SET a = 'y' WHERE id < 5;\nCOMMIT;\nBEGIN;\nUPDATE users SET a = 'z' WHERE id < 3;\nALTER TABLE users DROP COLUMN b;",
      ["mixed-ddl-and-dml@2", "mixed-ddl-and-dml@7"],
    ],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("is not about files run without a transaction", async () => {
    const sql = "ALTER TABLE users ADD COLUMN a text;\nUPDATE users SET a = 'x' WHERE id < 10;";
    expect(at(await lintSql(sql, rules, { transactional: false }))).toEqual([]);
  });
});

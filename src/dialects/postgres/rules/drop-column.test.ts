import { describe, expect, it } from "vitest";
import { at, lintSql } from "../../../lint/testing.js";
import { dropColumn } from "./drop-column.js";

const rules = [dropColumn];

describe("drop-column", () => {
  it.each([
    ["ALTER TABLE users ADD COLUMN a text;"],
    ["CREATE TABLE t (id bigint PRIMARY KEY, a text);\nALTER TABLE t DROP COLUMN a;"],
    // The old column of a swap (a type change finished by new column, backfill, swap).
    [
      "ALTER TABLE p RENAME price TO price_old;\nALTER TABLE p RENAME price_new TO price;\nALTER TABLE p DROP COLUMN price_old;",
    ],
  ])("valid: %s", async (sql) => {
    expect(at(await lintSql(sql, rules))).toEqual([]);
  });

  it.each([
    ["ALTER TABLE users DROP COLUMN name;", ["drop-column@1"]],
    ["ALTER TABLE users DROP COLUMN a, DROP COLUMN b;", ["drop-column@1", "drop-column@1"]],
    // Renamed, but nothing took its old name: code that used `price` breaks.
    ["ALTER TABLE p RENAME price TO price_old;\nALTER TABLE p DROP COLUMN price_old;", ["drop-column@2"]],
  ])("invalid: %s", async (sql, expected) => {
    const findings = await lintSql(sql, rules);
    expect(at(findings)).toEqual(expected);
    expect(findings[0]!.message.length).toBeGreaterThan(10);
    expect(findings[0]!.fix).toBeTruthy();
  });

  it("reports at the statement's line and column", async () => {
    const [f] = await lintSql("SELECT 1;\n  ALTER TABLE users DROP COLUMN name;", rules);
    expect([f!.line, f!.column, f!.severity]).toEqual([2, 3, "error"]);
  });
});

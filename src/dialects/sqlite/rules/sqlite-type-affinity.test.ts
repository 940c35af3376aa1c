import { describe, expect, it } from "vitest";
import { findingsOf, lintSqlite } from "./testing.js";
import { sqliteTypeAffinity } from "./sqlite-type-affinity.js";

const rules = [sqliteTypeAffinity];

describe("sqlite-type-affinity", () => {
  it.each([
    ["CREATE TABLE t (a TEXT, b INTEGER, c REAL, d BLOB, e NUMERIC, f VARCHAR(10), g DOUBLE PRECISION, h FLOAT);"],
    ["ALTER TABLE books ADD COLUMN price REAL;"],
    ["CREATE TABLE t (a, b DATETIME, c BOOLEAN, d DECIMAL(10, 2));"],
  ])("valid: %s", async (sql) => {
    expect(await lintSqlite(sql, rules)).toEqual([]);
  });

  it.each([
    ["CREATE TABLE t (id INTEGER PRIMARY KEY, name STRING);", ["sqlite-type-affinity@1"]],
    ["CREATE TABLE t (\n  x FLOATING POINT,\n  ref UUID\n);", ["sqlite-type-affinity@1", "sqlite-type-affinity@1"]],
    ["ALTER TABLE books ADD COLUMN meta JSON;", ["sqlite-type-affinity@1"]],
  ])("invalid: %s", async (sql, expected) => {
    expect(await lintSqlite(sql, rules)).toEqual(expected);
  });

  it("names the affinity SQLite gives and the one meant", async () => {
    const [f] = await findingsOf("CREATE TABLE t (x FLOATING POINT);", rules);
    expect(f!.message).toBe("column x is declared FLOATING POINT: SQLite gives it INTEGER affinity, not REAL");
  });
});

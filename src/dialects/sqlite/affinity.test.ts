import { describe, expect, it } from "vitest";
import { affinity } from "./affinity.js";
import { parseSqliteVersion, supports } from "./versions.js";

describe("SQLite type affinity (datatype3.html §3.1)", () => {
  it.each([
    ["INTEGER", "INTEGER"],
    ["int", "INTEGER"],
    ["BIGINT", "INTEGER"],
    ["UNSIGNED BIG INT", "INTEGER"],
    ["POINT", "INTEGER"], // "INT" in "POINT": the rule is a substring test
    ["FLOATING POINT", "INTEGER"], // rule 1 before rule 4
    ["VARCHAR(255)", "TEXT"],
    ["NCHAR(55)", "TEXT"],
    ["CLOB", "TEXT"],
    ["text", "TEXT"],
    ["BLOB", "BLOB"],
    ["", "BLOB"],
    [undefined, "BLOB"],
    ["REAL", "REAL"],
    ["DOUBLE PRECISION", "REAL"],
    ["FLOAT", "REAL"],
    ["NUMERIC", "NUMERIC"],
    ["DECIMAL(10,5)", "NUMERIC"],
    ["BOOLEAN", "NUMERIC"],
    ["DATETIME", "NUMERIC"],
    ["STRING", "NUMERIC"], // not TEXT: a classic surprise
    ["JSON", "NUMERIC"],
  ])("%s → %s", (declared, expected) => {
    expect(affinity(declared)).toBe(expected);
  });
});

describe("SQLite version gates", () => {
  it("knows which release brought RENAME COLUMN, DROP COLUMN and STRICT", () => {
    expect(supports("renameColumn", "3.24")).toBe(false);
    expect(supports("renameColumn", "3.25")).toBe(true);
    expect(supports("dropColumn", "3.34.1")).toBe(false);
    expect(supports("dropColumn")).toBe(true); // the default, 3.35
    expect(supports("strictTables")).toBe(false);
    expect(supports("strictTables", "3.37.0")).toBe(true);
  });

  it("reads versions with or without the patch number, and refuses others", () => {
    expect(parseSqliteVersion("3.35")).toEqual({ major: 3, minor: 35, patch: 0 });
    expect(parseSqliteVersion("3.40.1")).toEqual({ major: 3, minor: 40, patch: 1 });
    expect(() => parseSqliteVersion("latest")).toThrow(/not a SQLite version: latest/);
  });
});

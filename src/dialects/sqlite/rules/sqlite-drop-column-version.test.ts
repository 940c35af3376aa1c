import { describe, expect, it } from "vitest";
import { lintSqlite } from "./testing.js";
import { sqliteDropColumnVersion } from "./sqlite-drop-column-version.js";

const rules = [sqliteDropColumnVersion];

describe("sqlite-drop-column-version", () => {
  it.each([
    ["ALTER TABLE books DROP COLUMN published_on;", undefined],
    ["ALTER TABLE books DROP COLUMN published_on;", "3.35"],
    ["ALTER TABLE books DROP COLUMN published_on;", "3.40.1"],
    ["ALTER TABLE books ADD COLUMN note TEXT;", "3.20"],
  ])("valid: %s on %s", async (sql, version) => {
    expect(await lintSqlite(sql, rules, version ? { sqliteVersion: version } : {})).toEqual([]);
  });

  it.each([
    ["ALTER TABLE books DROP COLUMN published_on;", "3.31", ["sqlite-drop-column-version@1"]],
    ["SELECT 1;\nALTER TABLE books DROP COLUMN pages;", "3.34.1", ["sqlite-drop-column-version@2"]],
  ])("invalid: %s on %s", async (sql, version, expected) => {
    expect(await lintSqlite(sql, rules, { sqliteVersion: version })).toEqual(expected);
  });
});

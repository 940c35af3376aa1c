import { describe, expect, it } from "vitest";
import { lintSqlite } from "./testing.js";
import { sqliteRenameColumnVersion } from "./sqlite-rename-column-version.js";

const rules = [sqliteRenameColumnVersion];

describe("sqlite-rename-column-version", () => {
  it.each([
    ["ALTER TABLE books RENAME COLUMN pages TO page_count;", "3.25"],
    ["ALTER TABLE books RENAME COLUMN pages TO page_count;", "3.35"],
    ["ALTER TABLE books RENAME TO volumes;", "3.20"],
  ])("valid: %s on %s", async (sql, version) => {
    expect(await lintSqlite(sql, rules, { sqliteVersion: version })).toEqual([]);
  });

  it.each([["ALTER TABLE books RENAME COLUMN pages TO page_count;", "3.24", ["sqlite-rename-column-version@1"]]])(
    "invalid: %s on %s",
    async (sql, version, expected) => {
      expect(await lintSqlite(sql, rules, { sqliteVersion: version })).toEqual(expected);
    },
  );
});

import { describe, expect, it } from "vitest";
import { lintSqlite } from "./testing.js";
import { renameColumn } from "./rename-column.js";

const rules = [renameColumn];

describe("rename-column (SQLite)", () => {
  it.each([
    ["CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT);\nALTER TABLE a RENAME COLUMN x TO y;"],
    ["ALTER TABLE shelves RENAME TO bookcases;"],
  ])("valid: %s", async (sql) => {
    expect(await lintSqlite(sql, rules)).toEqual([]);
  });

  it.each([["ALTER TABLE shelves RENAME COLUMN label TO name;", ["rename-column@1"]]])(
    "invalid: %s",
    async (sql, expected) => {
      expect(await lintSqlite(sql, rules)).toEqual(expected);
    },
  );
});

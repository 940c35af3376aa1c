import { describe, expect, it } from "vitest";
import { lintSqlite } from "./testing.js";
import { renameTable } from "./rename-table.js";

const rules = [renameTable];

describe("rename-table (SQLite)", () => {
  it.each([
    ["CREATE TABLE a (id INTEGER PRIMARY KEY);\nALTER TABLE a RENAME TO b;"],
    ["ALTER TABLE books RENAME COLUMN pages TO page_count;"],
  ])("valid: %s", async (sql) => {
    expect(await lintSqlite(sql, rules)).toEqual([]);
  });

  it.each([["ALTER TABLE shelves RENAME TO bookcases;", ["rename-table@1"]]])("invalid: %s", async (sql, expected) => {
    expect(await lintSqlite(sql, rules)).toEqual(expected);
  });
});

import { describe, expect, it } from "vitest";
import { lintSqlite } from "./testing.js";
import { dropTable } from "./drop-table.js";

const rules = [dropTable];

describe("drop-table (SQLite)", () => {
  it.each([
    ["CREATE TABLE tmp (id INTEGER PRIMARY KEY);\nDROP TABLE tmp;"],
    // A rebuild: the copy takes the dropped table's place, with its rows.
    [
      "CREATE TABLE shelves_new (id INTEGER PRIMARY KEY, label TEXT);\nINSERT INTO shelves_new SELECT id, label FROM shelves;\nDROP TABLE shelves;\nALTER TABLE shelves_new RENAME TO shelves;",
    ],
  ])("valid: %s", async (sql) => {
    expect(await lintSqlite(sql, rules)).toEqual([]);
  });

  it.each([
    ["DROP TABLE reading_log;", ["drop-table@1"]],
    ["SELECT 1;\nDROP TABLE shelves;", ["drop-table@2"]],
  ])("invalid: %s", async (sql, expected) => {
    expect(await lintSqlite(sql, rules)).toEqual(expected);
  });
});

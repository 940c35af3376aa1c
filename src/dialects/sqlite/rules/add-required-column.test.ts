import { describe, expect, it } from "vitest";
import { lintSqlite } from "./testing.js";
import { addRequiredColumn } from "./add-required-column.js";

const rules = [addRequiredColumn];

describe("add-required-column (SQLite)", () => {
  it.each([
    ["ALTER TABLE books ADD COLUMN copies INTEGER NOT NULL DEFAULT 1;"],
    ["ALTER TABLE books ADD COLUMN note TEXT;"],
    ["ALTER TABLE books ADD COLUMN added_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP;"],
  ])("valid: %s", async (sql) => {
    expect(await lintSqlite(sql, rules)).toEqual([]);
  });

  it.each([["ALTER TABLE books ADD COLUMN copies INTEGER NOT NULL;", ["add-required-column@1"]]])(
    "invalid: %s",
    async (sql, expected) => {
      expect(await lintSqlite(sql, rules)).toEqual(expected);
    },
  );
});

import { describe, expect, it } from "vitest";
import { findingsOf, lintSqlite } from "./testing.js";
import { sqliteTableRebuild } from "./sqlite-table-rebuild.js";

const rules = [sqliteTableRebuild];

describe("sqlite-table-rebuild", () => {
  it.each([
    ["ALTER TABLE books ADD COLUMN note TEXT;"],
    ["ALTER TABLE books ADD COLUMN copies INTEGER NOT NULL DEFAULT 1;"],
    ["ALTER TABLE books ADD COLUMN shelf_id INTEGER REFERENCES shelves (id);"],
    ["ALTER TABLE books ADD COLUMN title_key TEXT GENERATED ALWAYS AS (lower(title)) VIRTUAL;"],
    ["ALTER TABLE books DROP COLUMN published_on;"],
    // A table created in the migration is empty: a non-constant default is taken.
    ["CREATE TABLE notes (id INTEGER PRIMARY KEY);\nALTER TABLE notes ADD COLUMN at TEXT DEFAULT CURRENT_TIMESTAMP;"],
  ])("valid: %s", async (sql) => {
    expect(await lintSqlite(sql, rules)).toEqual([]);
  });

  it.each([
    ["ALTER TABLE books ADD COLUMN added_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP;", ["sqlite-table-rebuild@1"]],
    ["ALTER TABLE books ADD COLUMN at TEXT DEFAULT (datetime('now'));", ["sqlite-table-rebuild@1"]],
    ["ALTER TABLE books ADD COLUMN copies INTEGER NOT NULL;", ["sqlite-table-rebuild@1"]],
    ["ALTER TABLE books ADD COLUMN shelf_id INTEGER DEFAULT 1 REFERENCES shelves (id);", ["sqlite-table-rebuild@1"]],
    ["ALTER TABLE books ADD COLUMN n INTEGER GENERATED ALWAYS AS (length(title)) STORED;", ["sqlite-table-rebuild@1"]],
    ["ALTER TABLE authors DROP COLUMN email;", ["sqlite-table-rebuild@1"]],
    ["ALTER TABLE books DROP COLUMN author_id;", ["sqlite-table-rebuild@1"]],
    ["ALTER TABLE authors DROP COLUMN id;", ["sqlite-table-rebuild@1"]],
    // Refused where it stands in the file, whatever the rows.
    [
      "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT UNIQUE);\nALTER TABLE t DROP COLUMN code;",
      ["sqlite-table-rebuild@2"],
    ],
    [
      "CREATE TABLE t (id INTEGER PRIMARY KEY, n INT, CHECK (n > 0));\nALTER TABLE t DROP COLUMN n;",
      ["sqlite-table-rebuild@2"],
    ],
  ])("invalid: %s", async (sql, expected) => {
    expect(await lintSqlite(sql, rules)).toEqual(expected);
  });

  it("says what SQLite answered, and gives the rebuild as the fix", async () => {
    const [f] = await findingsOf("ALTER TABLE books ADD COLUMN added_at TEXT DEFAULT CURRENT_TIMESTAMP;", rules);
    expect(f!.message).toMatch(/non-constant default/);
    expect(f!.fix).toMatch(/PRAGMA foreign_keys=OFF[\s\S]*PRAGMA foreign_key_check/);
    expect(f!.severity).toBe("warning");
  });

  it("without --schema, asks SQLite with a stand-in table that holds a row", async () => {
    expect(
      await lintSqlite("ALTER TABLE x ADD COLUMN at TEXT DEFAULT CURRENT_TIMESTAMP;", rules, { schema: null }),
    ).toEqual(["sqlite-table-rebuild@1"]);
  });
});

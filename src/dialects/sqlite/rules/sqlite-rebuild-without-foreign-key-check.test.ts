import { describe, expect, it } from "vitest";
import { lintSqlite } from "./testing.js";
import { sqliteRebuildWithoutForeignKeyCheck } from "./sqlite-rebuild-without-foreign-key-check.js";

const rules = [sqliteRebuildWithoutForeignKeyCheck];

const REBUILD = [
  "CREATE TABLE books_new (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors (id), title TEXT NOT NULL);",
  "INSERT INTO books_new (id, author_id, title) SELECT id, author_id, title FROM books;",
  "DROP TABLE books;",
  "ALTER TABLE books_new RENAME TO books;",
];

describe("sqlite-rebuild-without-foreign-key-check", () => {
  it.each([
    [[...REBUILD, "CREATE INDEX books_author_idx ON books (author_id);", "PRAGMA foreign_key_check;"].join("\n")],
    // A rename that takes no dropped table's place is no rebuild.
    ["ALTER TABLE shelves RENAME TO bookcases;"],
  ])("valid: %s", async (sql) => {
    expect(await lintSqlite(sql, rules)).toEqual([]);
  });

  it.each([[REBUILD.join("\n"), ["sqlite-rebuild-without-foreign-key-check@4"]]])(
    "invalid: %s",
    async (sql, expected) => {
      expect(await lintSqlite(sql, rules)).toEqual(expected);
    },
  );
});

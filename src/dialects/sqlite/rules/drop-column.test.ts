import { describe, expect, it } from "vitest";
import { findingsOf, lintSqlite } from "./testing.js";
import { dropColumn } from "./drop-column.js";

const rules = [dropColumn];

describe("drop-column (SQLite)", () => {
  it.each([
    ["ALTER TABLE books ADD COLUMN note TEXT;"],
    ["CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\nALTER TABLE t DROP COLUMN a;"],
  ])("valid: %s", async (sql) => {
    expect(await lintSqlite(sql, rules)).toEqual([]);
  });

  it.each([
    ["ALTER TABLE books DROP COLUMN published_on;", ["drop-column@1"]],
    ["-- lockstep-ignore sqlite-table-rebuild: other rule\nALTER TABLE authors DROP COLUMN email;", ["drop-column@2"]],
  ])("invalid: %s", async (sql, expected) => {
    expect(await lintSqlite(sql, rules)).toEqual(expected);
  });

  it("names the column as a confirmation marker must", async () => {
    const [f] = await findingsOf("ALTER TABLE books DROP COLUMN pages;", rules);
    expect([f!.severity, f!.object]).toEqual(["error", "books.pages"]);
  });
});

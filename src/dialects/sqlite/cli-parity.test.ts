import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlite } from "./index.js";

/**
 * The same migration on the embedded SQLite (sql.js, run statement by statement as split) and on
 * the `sqlite3` command-line shell (Debian's package, an older SQLite): both leave the same schema
 * and rows, read back through the same introspection.
 */
const CLI = "/usr/bin/sqlite3";
const HAS_CLI = existsSync(CLI);
if (!HAS_CLI) console.warn(`${CLI} is absent: the SQLite CLI comparison is skipped (apt-get install sqlite3).`);

const BEFORE = `
CREATE TABLE authors (id INTEGER PRIMARY KEY, pen_name TEXT NOT NULL, email TEXT UNIQUE);
CREATE TABLE books (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  rating INTEGER,
  published_on TEXT
);
CREATE INDEX books_author_idx ON books (author_id);
CREATE TABLE loans (id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE);
INSERT INTO authors VALUES (1, 'Ann', 'ann@example.com'), (2, 'Bo', NULL);
INSERT INTO books VALUES (1, 1, 'One', 4, '2020-01-01'), (2, 2, 'Two', 5, NULL);
INSERT INTO loans VALUES (1, 1), (2, 2);
`;

// ADD COLUMN with a constant default, RENAME COLUMN, DROP COLUMN, and the documented rebuild
// (foreign keys off outside the transaction) changing a column's type.
const MIGRATION = `
ALTER TABLE authors ADD COLUMN country TEXT NOT NULL DEFAULT 'NZ';
ALTER TABLE authors RENAME COLUMN pen_name TO byline;
ALTER TABLE books DROP COLUMN published_on;
PRAGMA foreign_keys=OFF;
BEGIN;
CREATE TABLE books_new (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  rating REAL
);
INSERT INTO books_new (id, author_id, title, rating) SELECT id, author_id, title, rating FROM books;
DROP TABLE books;
ALTER TABLE books_new RENAME TO books;
CREATE INDEX books_author_idx ON books (author_id);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys=ON;
`;

const ROWS = [
  "SELECT id, byline, country FROM authors ORDER BY id",
  "SELECT id, rating, typeof(rating) AS t FROM books ORDER BY id",
  "SELECT count(*) AS n FROM loans",
];

describe.skipIf(!HAS_CLI)("the same migration on sql.js and on the sqlite3 CLI", () => {
  const engine = sqlite.openEngine({});
  beforeAll(() => sqlite.ready());
  afterAll(() => engine.close());

  it("leaves the same schema and rows", async () => {
    const embedded = await engine.fresh();
    for (const s of sqlite.split(BEFORE + MIGRATION)) await embedded.exec(s.sql);

    const file = join(mkdtempSync(join(tmpdir(), "lockstep-sqlite-cli-")), "cli.db");
    execFileSync(CLI, ["-bail", file], { input: `PRAGMA foreign_keys=ON;\n${BEFORE}${MIGRATION}` });
    const cliEngine = sqlite.openEngine({ devUrl: `sqlite:${file}` });
    const cli = await cliEngine.fresh();

    const fromCli = await sqlite.introspect(cli);
    expect(await sqlite.introspect(embedded)).toEqual(fromCli);
    expect(fromCli.tables.find((t) => t.name === "books")?.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "INTEGER"],
      ["author_id", "INTEGER"],
      ["title", "TEXT"],
      ["rating", "REAL"],
    ]);
    for (const q of ROWS) expect(await embedded.query(q)).toEqual(await cli.query(q));
    expect(await cli.query(ROWS[2]!)).toEqual([{ n: 2 }]);
    await cliEngine.close();
    // The CLI's file is read, not written, by the engine that loaded it.
    expect(readFileSync(file).subarray(0, 15).toString()).toBe("SQLite format 3");
  });

  it("agrees with the CLI on what is a syntax error", () => {
    const bad = "ALTER TABLE books MODIFY rating REAL;";
    expect(() => sqlite.split(bad)).toThrow(/near "MODIFY": syntax error/);
    let cliError = "";
    try {
      execFileSync(CLI, ["-bail", ":memory:"], { input: bad, stdio: ["pipe", "pipe", "pipe"] });
    } catch (err) {
      cliError = String((err as { stderr?: Buffer }).stderr);
    }
    expect(cliError).toMatch(/near "MODIFY": syntax error/);
  });
});

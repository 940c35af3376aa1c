import { beforeAll, describe, expect, it } from "vitest";
import { SqlSyntaxError } from "../../schema/statement.js";
import { sqlite } from "./index.js";
import type { SqliteStatementInfo } from "./statement-kind.js";

const split = (text: string, file = "m.sql") => sqlite.split(text, { file });
const info = (text: string) => split(text)[0]!.ast as unknown as SqliteStatementInfo;

function syntaxError(text: string, startLine?: number): SqlSyntaxError {
  try {
    sqlite.split(text, { file: "bad.sql", ...(startLine ? { startLine } : {}) });
  } catch (err) {
    if (err instanceof SqlSyntaxError) return err;
    throw err;
  }
  throw new Error("no syntax error");
}

describe("sqlite split", () => {
  beforeAll(() => sqlite.ready());

  it("splits a file into statements with their text, line and column", () => {
    const text = [
      "-- a migration",
      "CREATE TABLE t (a INT, b TEXT);  /* two on a line */ CREATE INDEX t_a ON t (a);",
      "",
      "  INSERT INTO t VALUES (1, 'semi;colon');",
      "SELECT 'é' -- last, without a semicolon",
    ].join("\n");
    const got = split(text).map(({ sql, line, column, kind }) => ({ sql, line, column, kind }));
    expect(got).toEqual([
      { sql: "CREATE TABLE t (a INT, b TEXT)", line: 2, column: 1, kind: "CreateTable" },
      { sql: "CREATE INDEX t_a ON t (a)", line: 2, column: 54, kind: "CreateIndex" },
      { sql: "INSERT INTO t VALUES (1, 'semi;colon')", line: 4, column: 3, kind: "Insert" },
      { sql: "SELECT 'é' -- last, without a semicolon", line: 5, column: 1, kind: "Select" },
    ]);
  });

  it("keeps a trigger's BEGIN … END body, semicolons and all, as one statement", () => {
    const text = `CREATE TABLE t (a INT, b TEXT);
CREATE TRIGGER t_log AFTER INSERT ON t BEGIN
  UPDATE t SET b = 'x;y' WHERE a = NEW.a;
  DELETE FROM t WHERE a < 0;
END;
DROP TRIGGER t_log;`;
    const got = split(text);
    expect(got.map((s) => s.kind)).toEqual(["CreateTable", "CreateTrigger", "DropTrigger"]);
    expect(got[1]!.sql).toMatch(/^CREATE TRIGGER t_log[\s\S]*DELETE FROM t WHERE a < 0;\nEND$/);
    expect(got[2]!.line).toBe(6);
  });

  it("counts lines from the origin's first line, and skips empty statements and comments", () => {
    const got = sqlite.split(";;\n/* note; with a semicolon */\n-- x;\n SELECT 1;;", { startLine: 10 });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ sql: "SELECT 1", line: 13, column: 2 });
    expect(sqlite.split("-- only a comment;\n/* and another */")).toEqual([]);
    expect(sqlite.isBlank(" -- c\n/* d */ ;")).toBe(true);
    expect(sqlite.isBlank("SELECT 1")).toBe(false);
  });

  it("reports a syntax error with file, line and column of the token SQLite names", () => {
    // SQLite 3.54 reads ALTER COLUMN (3.40 stops at it): the type change is what it refuses.
    const err = syntaxError("SELECT 1;\nALTER TABLE t ALTER COLUMN a TYPE REAL;\nSELECT 2;");
    expect(err.reason).toBe('near "TYPE": syntax error');
    expect([err.file, err.line, err.column]).toEqual(["bad.sql", 2, 30]);
    expect(err.message).toBe('bad.sql:2:30: near "TYPE": syntax error');
  });

  it("locates the failing occurrence of a token that appears earlier too", () => {
    const err = syntaxError("CREATE TABLE t (a INT);\nSELECT a FROM t WHERE a = 1 a;");
    expect([err.line, err.column, err.reason]).toEqual([2, 29, 'near "a": syntax error']);
  });

  it("reports incomplete input and unterminated strings, offset by the origin's line", () => {
    expect(syntaxError("CREATE TABLE x (a INT,\n  b TEXT", 5)).toMatchObject({
      reason: "incomplete input",
      line: 6,
    });
    expect(syntaxError("SELECT 1;\nSELECT 'abc")).toMatchObject({
      reason: `unrecognized token: "'abc"`,
      line: 2,
      column: 8,
    });
  });

  it("splits a migration whose tables come from earlier files (stand-ins for SQLite's name lookup)", () => {
    const text = `ALTER TABLE books ADD COLUMN added_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE books DROP COLUMN published_on;
ALTER TABLE shelves RENAME TO bookcases;
ALTER TABLE authors RENAME COLUMN pen_name TO byline;
CREATE INDEX books_title_idx ON books (lower(title)) WHERE title IS NOT NULL;
DROP INDEX books_author_idx;
DROP VIEW recent_books;
DROP TRIGGER books_audit;
INSERT INTO reading_log (book_id, read_on) SELECT id, date('now') FROM books;
UPDATE books SET title = trim(title) WHERE slugify(title) = '';
DROP TABLE reading_log;`;
    expect(split(text).map((s) => [s.line, s.kind])).toEqual([
      [1, "AlterTableAddColumn"],
      [2, "AlterTableDropColumn"],
      [3, "AlterTableRename"],
      [4, "AlterTableRenameColumn"],
      [5, "CreateIndex"],
      [6, "DropIndex"],
      [7, "DropView"],
      [8, "DropTrigger"],
      [9, "Insert"],
      [10, "Update"],
      [11, "DropTable"],
    ]);
  });

  it("describes what each schema statement did, as the catalog tells", () => {
    const [add, drop, rename, column] = split(`CREATE TABLE t (id INTEGER PRIMARY KEY, a INT);
ALTER TABLE t ADD COLUMN b TEXT NOT NULL DEFAULT 'x';
ALTER TABLE t DROP COLUMN a;
ALTER TABLE t RENAME TO u;
ALTER TABLE u RENAME COLUMN b TO c;`)
      .slice(1)
      .map((s) => s.ast as unknown as SqliteStatementInfo);
    expect(add!.effect!.altered).toEqual([
      {
        table: "t",
        added: [{ name: "b", type: "TEXT", notNull: true, default: "'x'", pk: 0, hidden: 0 }],
        dropped: [],
        renamed: [],
        changed: [],
      },
    ]);
    expect(drop!.effect!.altered[0]!.dropped.map((c) => c.name)).toEqual(["a"]);
    expect(rename!.effect).toMatchObject({
      created: [{ type: "table", name: "u" }],
      dropped: [{ type: "table", name: "t" }],
    });
    expect(column!.effect!.altered[0]!.renamed).toEqual([{ from: "b", to: "c" }]);
  });

  it("sees a table created where a dropped one stood (SQLite reuses the largest rowid)", () => {
    const got = split(
      "CREATE TABLE a (x);\nCREATE TABLE b (x);\nDROP TABLE b;\nCREATE TABLE c (x);\nALTER TABLE c ADD COLUMN y;",
    ).map((s) => s.ast as unknown as SqliteStatementInfo);
    expect(got[3]!.effect!.created).toEqual([{ type: "table", name: "c", table: "c" }]);
    expect(got[4]!.effect!.altered[0]!.added.map((c) => c.name)).toEqual(["y"]);
  });

  it("reads a PRAGMA's name and the value it leaves, and leaves transaction control unrun", () => {
    const [begin, pragma, commit] = split("BEGIN;\nPRAGMA foreign_keys = OFF;\nCOMMIT;");
    expect(begin!.kind).toBe("Begin");
    expect(pragma!.kind).toBe("Pragma");
    expect((pragma!.ast as unknown as SqliteStatementInfo).pragma).toEqual({ name: "foreign_keys", value: 0 });
    expect(commit!.kind).toBe("Commit");
    expect(split("END TRANSACTION; ROLLBACK; SAVEPOINT s; RELEASE s").map((s) => s.kind)).toEqual([
      "Commit",
      "Rollback",
      "Savepoint",
      "Release",
    ]);
  });

  it("keeps a statement SQLite refuses for a reason other than syntax, with the engine's message", () => {
    const got = split(`CREATE TABLE authors (id INTEGER PRIMARY KEY, email TEXT UNIQUE);
ALTER TABLE authors DROP COLUMN email; -- refused: UNIQUE
CREATE TABLE authors (id INT);
SELECT 1;`);
    expect(got.map((s) => [s.line, s.kind])).toEqual([
      [1, "CreateTable"],
      [2, "AlterTableDropColumn"],
      [3, "CreateTable"],
      [4, "Select"],
    ]);
    expect((got[1]!.ast as unknown as SqliteStatementInfo).error).toBe('cannot drop UNIQUE column: "email"');
    expect(got[1]!.sql).toBe("ALTER TABLE authors DROP COLUMN email; -- refused: UNIQUE".replace(/; --.*$/, ""));
  });

  it("finds where a refused statement ends even with a semicolon in a comment inside it", () => {
    const got = split(`CREATE TABLE a (id INTEGER PRIMARY KEY, b TEXT UNIQUE);
ALTER TABLE a -- a comment; with a semicolon
  DROP COLUMN b;
SELECT 2;`);
    expect(got.map((s) => [s.line, s.kind])).toEqual([
      [1, "CreateTable"],
      [2, "AlterTableDropColumn"],
      [4, "Select"],
    ]);
  });

  it("classifies WITH by whether it returns rows", () => {
    expect(split("WITH x AS (SELECT 1) SELECT * FROM x")[0]!.kind).toBe("Select");
    expect(split("WITH x AS (SELECT 1 AS a) INSERT INTO t (a) SELECT a FROM x")[0]!.kind).toBe("With");
    expect(info("CREATE UNIQUE INDEX i ON t (a)").verb).toBe("CREATE UNIQUE INDEX");
  });

  it("counts columns as the PostgreSQL side does (JavaScript string units) past astral characters, and refuses a NUL", () => {
    const got = split("SELECT '😀'; SELECT 2;\n/* 😀 */ SELECT 3;");
    expect(got.map((s) => [s.sql, s.line, s.column])).toEqual([
      ["SELECT '😀'", 1, 1],
      ["SELECT 2", 1, 14],
      ["SELECT 3", 2, 10],
    ]);
    expect(syntaxError("SELECT 1;\nSELECT '😀' FROM;")).toMatchObject({ line: 2, column: 17 });
    expect(syntaxError("SELECT 1;\nSEL\0ECT")).toMatchObject({
      line: 2,
      column: 4,
      reason: expect.stringMatching(/NUL/),
    });
  });

  it("splits a large file in linear time", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `INSERT INTO t (a, b) VALUES (${i}, 'row ${i};');`);
    const started = performance.now();
    const got = split(`CREATE TABLE t (a INT, b TEXT);\n${rows.join("\n")}`);
    expect(got).toHaveLength(5001);
    expect(got[5000]).toMatchObject({ line: 5001, kind: "Insert" });
    // Not a speed assertion (bench/ measures): a guard against a quadratic walk (minutes).
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { sqlite } from "./index.js";
import { columnRefs, indexColumns } from "./names-read.js";
import { busyTimeoutStatement, plannedStatement } from "./planned.js";
import { loadSqlJs } from "./sqljs.js";

beforeAll(loadSqlJs);

describe("plannedStatement", () => {
  it("says what SQLite says: tables created, a write to the database, nothing queued", () => {
    const s = plannedStatement("CREATE TABLE books_new (id INTEGER PRIMARY KEY)", "alter_column_type");
    expect(s).toMatchObject({ change: "alter_column_type", transactional: true, creates: ["books_new"], queues: [] });
    expect(s.lock).toEqual([{ mode: "write", relation: "database" }]);
  });

  it("keeps PRAGMA foreign_keys out of a transaction, where it does nothing", () => {
    expect(plannedStatement("PRAGMA foreign_keys=OFF").transactional).toBe(false);
    expect(plannedStatement("PRAGMA foreign_key_check").transactional).toBe(true);
  });

  it("reads statements on tables it does not know (stand-ins)", () => {
    expect(plannedStatement("ALTER TABLE books ADD COLUMN subtitle TEXT")).toMatchObject({
      transactional: true,
      creates: [],
    });
  });

  it("gives a busy_timeout where a lock timeout is asked for", () => {
    expect(busyTimeoutStatement("2s")).toMatchObject({ sql: "PRAGMA busy_timeout = 2000", session: true });
    expect(sqlite.lockTimeout("500ms").sql).toBe("PRAGMA busy_timeout = 500");
  });
});

describe("columns read by SQLite", () => {
  it("names the columns an expression reads", () => {
    expect(columnRefs("(length(borrower) > 0 AND due_on > lent_on)")).toEqual(["borrower", "due_on", "lent_on"]);
    // A double-quoted name is a column where SQLite reads it as one, though it never asks for it.
    expect(columnRefs(`("odd name" || my_func(title))`).sort()).toEqual(["odd name", "title"]);
    expect(columnRefs(`(title <> 'odd name')`)).toEqual(["title"]);
  });

  it("names an index's key and predicate columns", () => {
    const index = {
      name: "loans_open_idx",
      unique: false,
      method: "btree",
      keys: ["<expression>"],
      predicate: "returned_on IS NULL",
      definition: "CREATE INDEX loans_open_idx ON loans (lower(borrower), due_on DESC) WHERE returned_on IS NULL",
    };
    expect(indexColumns(index).sort()).toEqual(["borrower", "due_on", "returned_on"]);
  });
});

describe("sameType", () => {
  it("compares declared types as SQLite reads them: case aside, text otherwise", () => {
    expect(sqlite.sameType("integer", "INTEGER")).toBe(true);
    expect(sqlite.sameType("VARCHAR(10)", "varchar(10)")).toBe(true);
    expect(sqlite.sameType("INT", "INTEGER")).toBe(false);
    expect(sqlite.sameType("INTEGER", "REAL")).toBe(false);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import type { Table } from "../../schema/model.js";
import { sqlite } from "./index.js";
import { rebuildTable } from "./rebuild.js";

const SCHEMA = `
CREATE TABLE authors (id INTEGER PRIMARY KEY, pen_name TEXT NOT NULL);
CREATE TABLE books (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  rating INTEGER
);
CREATE INDEX books_author_idx ON books (author_id);
CREATE TABLE loans (id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE);
CREATE VIEW rated AS SELECT title, rating FROM books WHERE rating IS NOT NULL;
INSERT INTO authors VALUES (1, 'Ann');
INSERT INTO books VALUES (1, 1, 'One', 4), (2, 1, 'Two', NULL);
INSERT INTO loans VALUES (1, 1), (2, 2);`;

describe("sqlite table rebuild", () => {
  const engine = sqlite.openEngine({});
  afterAll(() => engine.close());

  it("changes a column's type keeping rows, children and views, foreign keys on as before", async () => {
    const db = await engine.fresh();
    await db.exec(SCHEMA);
    const from = (await sqlite.introspect(db)).tables.find((t) => t.name === "books")!;
    const to: Table = {
      ...from,
      columns: from.columns.map((c) => (c.name === "rating" ? { ...c, type: "REAL" } : c)),
    };
    const view = await db.query<{ sql: string }>("SELECT sql FROM sqlite_schema WHERE name = 'rated'");
    const plan = rebuildTable(from, to, { dependents: [{ type: "view", name: "rated", sql: view[0]!.sql }] });
    for (const sql of [...plan.before, ...plan.transaction, ...plan.after]) await db.exec(sql);

    const after = (await sqlite.introspect(db)).tables.find((t) => t.name === "books")!;
    expect(after).toEqual(to);
    expect(await db.query("SELECT id, rating, typeof(rating) AS t FROM books ORDER BY id")).toEqual([
      { id: 1, rating: 4, t: "real" },
      { id: 2, rating: null, t: "null" },
    ]);
    expect(await db.query("SELECT count(*) AS n FROM loans")).toEqual([{ n: 2 }]);
    expect(await db.query("SELECT title FROM rated")).toEqual([{ title: "One" }]);
    expect(await db.query("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 1 }]);
    // The children still point at books, not at a renamed-away table.
    expect(await db.query("SELECT DISTINCT \"table\" AS t FROM pragma_foreign_key_list('loans')")).toEqual([
      { t: "books" },
    ]);
    await db.close();
  });

  it("fills a new column from its default, and a changed one from the expression given", async () => {
    const db = await engine.fresh();
    await db.exec(SCHEMA);
    const from = (await sqlite.introspect(db)).tables.find((t) => t.name === "authors")!;
    const to: Table = {
      ...from,
      columns: [
        ...from.columns.map((c) => (c.name === "pen_name" ? { ...c, name: "byline" } : c)),
        { name: "joined_at", type: "TEXT", notNull: true, default: "CURRENT_TIMESTAMP", volatileDefault: true },
      ],
    };
    const plan = rebuildTable(from, to, { copy: { byline: "upper(pen_name)" } });
    expect(plan.transaction).toContain("INSERT INTO authors_new (id, byline) SELECT id, upper(pen_name) FROM authors");
    for (const sql of [...plan.before, ...plan.transaction, ...plan.after]) await db.exec(sql);
    expect(await db.query("SELECT byline, joined_at IS NOT NULL AS stamped FROM authors")).toEqual([
      { byline: "ANN", stamped: 1 },
    ]);
    expect(await db.query("SELECT count(*) AS n FROM books")).toEqual([{ n: 2 }]);
    await db.close();
  });
});

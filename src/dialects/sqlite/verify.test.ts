import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../engines/engine.js";
import { fingerprint, losses } from "../../verify/fingerprint.js";
import { seedTables } from "../../verify/seed.js";
import { traceSection } from "../../trace/section.js";
import { sqlite } from "./index.js";

const engine = sqlite.openEngine({});
afterAll(() => engine.close());
beforeAll(() => sqlite.ready());

async function dbWith(sql: string): Promise<Database> {
  const db = await engine.fresh();
  await db.exec(sql);
  return db;
}

const NOTES = `
CREATE TABLE notebooks (id INTEGER PRIMARY KEY, title VARCHAR(40) NOT NULL UNIQUE, archived BOOLEAN);
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  notebook_id INTEGER NOT NULL REFERENCES notebooks (id),
  body TEXT NOT NULL,
  score REAL, weight NUMERIC, raw BLOB, anything,
  due DATE, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, meta JSON,
  slug TEXT GENERATED ALWAYS AS ('n-' || id) VIRTUAL
);
CREATE TABLE tags (label TEXT NOT NULL DEFAULT 'x');`;

describe("SQLite seeding", () => {
  it("fills every column of every type with distinct values, parents first, and the defaulted ones with their default", async () => {
    const db = await dbWith(NOTES);
    const schema = await sqlite.introspect(db);
    const notes = await seedTables(db, schema, schema.tables, 50, sqlite);
    expect(notes).toEqual([]);
    const counts = await db.query<{ t: string; n: number }>(
      "SELECT 'notebooks' AS t, count(*) AS n FROM notebooks UNION ALL SELECT 'notes', count(*) FROM notes UNION ALL SELECT 'tags', count(*) FROM tags",
    );
    expect(counts).toEqual([
      { t: "notebooks", n: 50 },
      { t: "notes", n: 50 },
      { t: "tags", n: 50 },
    ]);
    const [row] = await db.query<Record<string, unknown>>(
      "SELECT typeof(score) AS score, typeof(raw) AS raw, typeof(anything) AS anything, due, meta, slug FROM notes WHERE id = 3",
    );
    expect(row).toEqual({
      score: "real",
      raw: "blob",
      anything: "integer",
      due: "2024-01-04",
      meta: '{"n":3}',
      slug: "n-3",
    });
    expect(await db.query("PRAGMA foreign_key_check")).toEqual([]);
    await db.close();
  });

  it("notes a table whose CHECK refuses the values, and seeds the rest", async () => {
    const db = await dbWith("CREATE TABLE a (n INTEGER CHECK (n < 0)); CREATE TABLE b (n INTEGER)");
    const schema = await sqlite.introspect(db);
    const notes = await seedTables(db, schema, schema.tables, 5, sqlite);
    expect(notes).toEqual([{ table: "a", reason: expect.stringMatching(/CHECK constraint failed/) }]);
    expect(await db.query("SELECT count(*) AS n FROM b")).toEqual([{ n: 5 }]);
    await db.close();
  });
});

describe("SQLite prints", () => {
  it("keeps the print through a rebuild that keeps the values, and sees the values a down loses", async () => {
    const db = await dbWith(NOTES);
    const schema = await sqlite.introspect(db);
    await seedTables(db, schema, schema.tables, 20, sqlite);
    const before = await fingerprint(db, schema.tables, sqlite);
    expect(before.get("notes")?.rows).toBe(20);
    await db.exec(`
      CREATE TABLE t_new AS SELECT * FROM tags; DROP TABLE tags; ALTER TABLE t_new RENAME TO tags;
      UPDATE notes SET body = 'lost' WHERE id <= 5; DELETE FROM notebooks WHERE id NOT IN (SELECT notebook_id FROM notes);`);
    const after = await fingerprint(db, (await sqlite.introspect(db)).tables, sqlite);
    expect(after.get("tags")).toEqual(before.get("tags"));
    expect(losses(before, after)).toEqual([{ table: "notes", column: "body", what: "values changed" }]);
    await db.close();
  });
});

describe("SQLite trace", () => {
  const trace = async (db: Database, text: string, transactional = true) =>
    (await traceSection(db, { text, file: "m.sql", startLine: 1, transactional }, sqlite)).map((s) => ({
      line: s.line,
      locks: s.locks.map((l) => `${l.mode} ${l.relation}`),
      rewrites: s.rewrites,
    }));

  it("names the statement that puts a rebuilt table back under its name, and the write lock the transaction takes", async () => {
    const db = await dbWith(
      "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'a')",
    );
    expect(await sqlite.existingTables(db)).toEqual(new Set(["notes"]));
    const traced = await trace(
      db,
      [
        "SELECT count(*) FROM notes;",
        "CREATE TABLE notes_new (id INTEGER PRIMARY KEY, body TEXT NOT NULL);",
        "INSERT INTO notes_new SELECT * FROM notes;",
        "DROP TABLE notes;",
        "ALTER TABLE notes_new RENAME TO notes;",
        "CREATE INDEX notes_body_idx ON notes (body);",
      ].join("\n"),
    );
    expect(traced).toEqual([
      { line: 1, locks: [], rewrites: [] },
      { line: 2, locks: ["write database"], rewrites: [] },
      { line: 3, locks: [], rewrites: [] },
      { line: 4, locks: [], rewrites: [] },
      { line: 5, locks: [], rewrites: ["notes"] },
      { line: 6, locks: [], rewrites: [] },
    ]);
    await db.close();
  });

  it("sees the old table moved aside and a new one made under its name, not a table dropped and created empty", async () => {
    const db = await dbWith("CREATE TABLE a (x); CREATE TABLE b (x); INSERT INTO a VALUES (1)");
    const traced = await trace(
      db,
      [
        "ALTER TABLE a RENAME TO a_old;",
        "CREATE TABLE a (x, y);",
        "INSERT INTO a (x) SELECT x FROM a_old;",
        "DROP TABLE a_old;",
        "DROP TABLE b;",
        "CREATE TABLE b (x, y);",
      ].join("\n"),
      false,
    );
    expect(traced.map((t) => t.rewrites)).toEqual([[], ["a"], [], [], [], []]);
    // Statement by statement, each writer takes the write lock in a transaction of its own.
    expect(traced.every((t) => t.locks.length === 1)).toBe(true);
    await db.close();
  });

  it("follows a file's own BEGIN and COMMIT, with PRAGMA foreign_keys outside them", async () => {
    const db = await dbWith(
      "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id)); INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1)",
    );
    const traced = await trace(
      db,
      [
        "PRAGMA foreign_keys = OFF;",
        "BEGIN;",
        "CREATE TABLE p_new (id INTEGER PRIMARY KEY, name TEXT);",
        "INSERT INTO p_new (id) SELECT id FROM p;",
        "DROP TABLE p;",
        "ALTER TABLE p_new RENAME TO p;",
        "PRAGMA foreign_key_check;",
        "COMMIT;",
        "PRAGMA foreign_keys = ON;",
      ].join("\n"),
    );
    expect(traced.map((t) => t.rewrites)).toEqual([[], [], [], [], [], ["p"], [], [], []]);
    expect(traced[2]!.locks).toEqual(["write database"]);
    expect(await db.query("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 1 }]);
    expect(await db.query("SELECT count(*) AS n FROM c")).toEqual([{ n: 1 }]);
    await db.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../engines/engine.js";
import type { Schema, Table } from "../../schema/model.js";
import { sqlite } from "./index.js";
import { createIndex, createTable } from "./render.js";

const engine = sqlite.openEngine({});
let db: Database;

async function schemaOf(sql: string): Promise<Schema> {
  await db.reset();
  await db.exec(sql);
  return sqlite.introspect(db);
}

async function tableOf(sql: string, name: string): Promise<Table> {
  const table = (await schemaOf(sql)).tables.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name}`);
  return table;
}

describe("sqlite introspection", () => {
  beforeAll(async () => {
    db = await engine.fresh();
  });
  afterAll(() => engine.close());

  it("reads tables, columns as declared, NOT NULL and defaults as DEFAULT takes them back", async () => {
    const t = await tableOf(
      `CREATE TABLE books (
         id INTEGER PRIMARY KEY,
         title VARCHAR(200) NOT NULL,
         copies INT NOT NULL DEFAULT 1,
         state TEXT DEFAULT 'new',
         added_at TEXT DEFAULT CURRENT_TIMESTAMP,
         doubled INT DEFAULT (1 + 1),
         anything
       )`,
      "books",
    );
    expect(t.schema).toBe("public");
    expect(t.columns).toEqual([
      { name: "id", type: "INTEGER", notNull: false },
      { name: "title", type: "VARCHAR(200)", notNull: true },
      { name: "copies", type: "INT", notNull: true, default: "1" },
      { name: "state", type: "TEXT", notNull: false, default: "'new'" },
      { name: "added_at", type: "TEXT", notNull: false, default: "CURRENT_TIMESTAMP", volatileDefault: true },
      { name: "doubled", type: "INT", notNull: false, default: "(1 + 1)", volatileDefault: true },
      { name: "anything", type: "", notNull: false },
    ]);
    expect(t.primaryKey).toEqual({ name: "books_pkey", columns: ["id"] });
  });

  it("reads generated columns with their definition as written", async () => {
    const t = await tableOf(
      `CREATE TABLE lines (price REAL, qty INT, total REAL GENERATED ALWAYS AS (price * qty) STORED, label AS (qty || 'x'))`,
      "lines",
    );
    expect(t.columns.map((c) => [c.name, c.generated])).toEqual([
      ["price", undefined],
      ["qty", undefined],
      ["total", "total REAL GENERATED ALWAYS AS (price * qty) STORED"],
      ["label", "label AS (qty || 'x')"],
    ]);
  });

  it("reads composite primary keys, UNIQUE constraints and indexes (unique, descending, partial, expression)", async () => {
    const t = await tableOf(
      `CREATE TABLE members (org INT, person INT, email TEXT UNIQUE, nick TEXT COLLATE NOCASE, at TEXT,
         PRIMARY KEY (org, person), UNIQUE (org, nick));
       CREATE UNIQUE INDEX members_nick ON members (nick COLLATE NOCASE);
       CREATE INDEX members_at ON members (at DESC, org) WHERE at IS NOT NULL AND nick <> 'WHERE';
       CREATE INDEX members_lower ON members (lower(email));`,
      "members",
    );
    expect(t.primaryKey).toEqual({ name: "members_pkey", columns: ["org", "person"] });
    expect(t.uniques).toEqual([
      { name: "members_email_key", columns: ["email"], definition: "UNIQUE (email)" },
      { name: "members_org_nick_key", columns: ["org", "nick"], definition: "UNIQUE (org, nick)" },
    ]);
    expect(t.indexes).toEqual([
      {
        name: "members_at",
        unique: false,
        method: "btree",
        keys: ["at DESC", "org"],
        predicate: "at IS NOT NULL AND nick <> 'WHERE'",
        definition: `CREATE INDEX members_at ON members (at DESC, org) WHERE at IS NOT NULL AND nick <> 'WHERE'`,
      },
      {
        name: "members_lower",
        unique: false,
        method: "btree",
        keys: ["<expression>"],
        definition: "CREATE INDEX members_lower ON members (lower(email))",
      },
      {
        name: "members_nick",
        unique: true,
        method: "btree",
        keys: ["nick COLLATE NOCASE"],
        definition: "CREATE UNIQUE INDEX members_nick ON members (nick COLLATE NOCASE)",
      },
    ]);
  });

  it("reads foreign keys with their actions, and a REFERENCES without columns as the parent's key", async () => {
    const t = await tableOf(
      `CREATE TABLE authors (id INTEGER PRIMARY KEY);
       CREATE TABLE shelves (room INT, pos INT, PRIMARY KEY (room, pos));
       CREATE TABLE books (
         id INTEGER PRIMARY KEY,
         author_id INTEGER NOT NULL REFERENCES authors ON DELETE CASCADE,
         room INT, pos INT,
         FOREIGN KEY (room, pos) REFERENCES shelves (room, pos) ON UPDATE SET NULL ON DELETE RESTRICT
       );`,
      "books",
    );
    expect(t.foreignKeys).toEqual([
      {
        name: "books_author_id_fkey",
        columns: ["author_id"],
        references: { schema: "public", name: "authors" },
        referencedColumns: ["id"],
        onDelete: "CASCADE",
        onUpdate: "NO ACTION",
        deferrable: false,
        initiallyDeferred: false,
        validated: true,
        definition: "FOREIGN KEY (author_id) REFERENCES authors(id) ON DELETE CASCADE",
      },
      {
        name: "books_room_pos_fkey",
        columns: ["room", "pos"],
        references: { schema: "public", name: "shelves" },
        referencedColumns: ["room", "pos"],
        onDelete: "RESTRICT",
        onUpdate: "SET NULL",
        deferrable: false,
        initiallyDeferred: false,
        validated: true,
        definition: "FOREIGN KEY (room, pos) REFERENCES shelves(room, pos) ON DELETE RESTRICT ON UPDATE SET NULL",
      },
    ]);
  });

  it("leaves out SQLite's own tables, views, triggers and virtual tables' shadows", async () => {
    const schema = await schemaOf(
      `CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT);
       CREATE VIEW v AS SELECT a FROM t;
       CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;
       ANALYZE;`,
    );
    expect(schema.tables.map((t) => t.name)).toEqual(["t"]);
  });

  it("reads the same schema however it was spelled, and after a table rename", async () => {
    const a = await schemaOf(
      `CREATE TABLE "Books" (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT ( 'x' ));
       CREATE INDEX books_title ON "Books" ( title );`,
    );
    const b = await schemaOf(
      `create table books_new (id integer primary key, title TEXT not null default 'x');
       alter table books_new rename to Books;
       create index books_title on Books(title);`,
    );
    // Declared types keep their spelling (`integer`): the model says what was written.
    const norm = (s: Schema) =>
      JSON.stringify(s, (k, v: unknown) => (k === "type" && typeof v === "string" ? v.toUpperCase() : v));
    expect(norm(b)).toEqual(norm(a));
  });

  it("renders tables and indexes that read back as the same schema", async () => {
    const sql = `CREATE TABLE authors (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
      CREATE TABLE books (
        id INTEGER PRIMARY KEY,
        author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
        "order" INT DEFAULT (abs(-3)),
        price REAL, qty INT, total REAL GENERATED ALWAYS AS (price * qty) STORED,
        title TEXT NOT NULL DEFAULT 'untitled'
      );
      CREATE INDEX books_author ON books (author_id) WHERE author_id > 0;
      CREATE INDEX books_title ON books (lower(title));
      CREATE TABLE tags (book_id INT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (book_id, tag));`;
    const first = await schemaOf(sql);
    const rendered = first.tables
      .flatMap((t) => [createTable(t), ...t.indexes.map((i) => createIndex(i, t))])
      .join(";\n");
    const second = await schemaOf(rendered);
    expect(second).toEqual(first);
  });
});

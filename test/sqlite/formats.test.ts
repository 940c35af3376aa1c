/**
 * The SQL formats that run on SQLite (plain SQL, dbmate, golang-migrate, Prisma with
 * `provider = "sqlite"`), read, linted and verified on the embedded SQLite (sql.js): up, down, up
 * again, rows kept. The fixtures are written here, for these tests.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

import { lint } from "../../src/commands/lint.js";
import { trace } from "../../src/commands/trace.js";
import { verify } from "../../src/commands/verify.js";
import { sqlite } from "../../src/dialects/sqlite/index.js";
import { readMigrations } from "../../src/frameworks/index.js";

const root = mkdtempSync(join(tmpdir(), "lockstep-sqlite-formats-"));
let n = 0;
function folder(files: Record<string, string>): string {
  const dir = join(root, `case${++n}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const CREATE_UP = `CREATE TABLE shelves (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE);
CREATE TABLE books (
  id INTEGER PRIMARY KEY,
  shelf_id INTEGER NOT NULL REFERENCES shelves (id),
  title TEXT NOT NULL
);`;
const CREATE_DOWN = "DROP TABLE books;\nDROP TABLE shelves;";
const ADD_UP = "ALTER TABLE books ADD COLUMN isbn TEXT;\nCREATE INDEX books_shelf_id_idx ON books (shelf_id);";
const ADD_DOWN = "DROP INDEX books_shelf_id_idx;\nALTER TABLE books DROP COLUMN isbn;";
/** Makes `title` nullable: SQLite cannot, so the table is rebuilt. */
const REBUILD_UP = `CREATE TABLE books_new (
  id INTEGER PRIMARY KEY,
  shelf_id INTEGER NOT NULL REFERENCES shelves (id),
  title TEXT,
  isbn TEXT
);
INSERT INTO books_new (id, shelf_id, title, isbn) SELECT id, shelf_id, title, isbn FROM books;
DROP TABLE books;
ALTER TABLE books_new RENAME TO books;
CREATE INDEX books_shelf_id_idx ON books (shelf_id);`;
const REBUILD_DOWN = REBUILD_UP.replace(/books_new/g, "books_old").replace("title TEXT,", "title TEXT NOT NULL,");

const summary = (r: Awaited<ReturnType<typeof verify>>) =>
  r.migrations.map((m) => [m.up, m.down, m.roundTrip, m.dataLoss ?? []]);

beforeAll(() => sqlite.ready());

describe("plain SQL on SQLite", () => {
  const dir = folder({
    "001_create.sql": CREATE_UP,
    "001_create.down.sql": CREATE_DOWN,
    "002_isbn.sql": ADD_UP,
    "002_isbn.down.sql": ADD_DOWN,
    "003_nullable_title.sql": REBUILD_UP,
    "003_nullable_title.down.sql": REBUILD_DOWN,
  });

  it("verifies each migration up, down and up again with rows kept, and names the rebuild", async () => {
    const r = await verify({ dir, dialect: "sqlite", cwd: dir });
    expect(summary(r)).toEqual([
      ["ok", "ok", "equal", []],
      ["ok", "ok", "equal", []],
      ["ok", "ok", "equal", []],
    ]);
    expect(r.seed.skipped).toEqual([]);
    expect(r.findings.map((f) => [f.rule, f.file, f.line])).toEqual([["table-rewrite", "003_nullable_title.sql", 9]]);
    expect(r.verdict).toBe("WARN");
  });

  it("traces which statement rebuilds the table", async () => {
    const r = await trace({ path: dir, dialect: "sqlite", cwd: dir });
    const rebuilt = r.statements.filter((s) => s.rewrites.length);
    expect(rebuilt.map((s) => [s.line, s.rewrites])).toEqual([[9, ["books"]]]);
    expect(r.statements[0]!.locks).toEqual([{ relation: "database", mode: "write" }]);
  });

  it("lints the folder", async () => {
    const r = await lint({ paths: [dir], dialect: "sqlite", cwd: dir });
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("blocks a down that loses the values its up kept", async () => {
    const lossy = folder({
      "001_create.sql": CREATE_UP,
      "001_create.down.sql": CREATE_DOWN,
      "002_rebuild.sql": REBUILD_UP.replace(/,\s*isbn TEXT/, "").replace(/, isbn/g, ""),
      "002_rebuild.down.sql": REBUILD_DOWN.replace(/,\s*isbn TEXT/, "")
        .replace(/, isbn/g, "")
        .replace("SELECT id, shelf_id, title FROM books", "SELECT id, shelf_id, 'untitled' FROM books"),
    });
    const r = await verify({ dir: lossy, dialect: "sqlite", cwd: lossy });
    expect(r.migrations[1]!.dataLoss).toEqual(["books.title: values changed (down)"]);
    expect(r.verdict).toBe("BLOCK");
  });

  it("stops at a down that does not undo its up, naming what differs", async () => {
    const broken = folder({ "001_create.sql": CREATE_UP, "001_create.down.sql": "DROP TABLE books;" });
    const r = await verify({ dir: broken, dialect: "sqlite", cwd: broken });
    expect(r.migrations[0]!.roundTrip).toBe("differs");
    expect(r.findings.map((f) => f.rule)).toContain("down-differs");
  });
});

describe("dbmate on SQLite", () => {
  const file = (up: string, down: string, option = "") =>
    `-- migrate:up${option}\n${up}\n\n-- migrate:down${option}\n${down}\n`;
  const dir = folder({
    "20240101000000_create.sql": file(CREATE_UP, CREATE_DOWN),
    "20240102000000_isbn.sql": file(ADD_UP, ADD_DOWN),
    // dbmate runs each file in a transaction, where PRAGMA foreign_keys is a no-op: the rebuild
    // that needs foreign keys off says transaction:false and holds its own BEGIN and COMMIT.
    "20240103000000_nullable_title.sql": file(
      `PRAGMA foreign_keys = OFF;\nBEGIN;\n${REBUILD_UP}\nPRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;`,
      `PRAGMA foreign_keys = OFF;\nBEGIN;\n${REBUILD_DOWN}\nCOMMIT;\nPRAGMA foreign_keys = ON;`,
      " transaction:false",
    ),
  });

  it("reads each file's sections, in a transaction unless transaction:false", async () => {
    const migrations = await readMigrations(dir, sqlite);
    expect(migrations.map((m) => [m.name, m.up.transactional, m.down?.transactional])).toEqual([
      ["create", true, true],
      ["isbn", true, true],
      ["nullable_title", false, false],
    ]);
  });

  it("verifies the rebuild with foreign keys off, following the file's own transaction", async () => {
    const r = await verify({ dir, dialect: "sqlite", cwd: dir });
    expect(summary(r)).toEqual([
      ["ok", "ok", "equal", []],
      ["ok", "ok", "equal", []],
      ["ok", "ok", "equal", []],
    ]);
    expect(r.findings.map((f) => [f.rule, f.line])).toEqual([["table-rewrite", 12]]);
  });
});

describe("golang-migrate on SQLite", () => {
  const dir = folder({
    "1_create.up.sql": CREATE_UP,
    "1_create.down.sql": CREATE_DOWN,
    "2_isbn.up.sql": ADD_UP,
    "2_isbn.down.sql": ADD_DOWN,
    "3_vacuum.up.sql": "VACUUM;",
    "3_vacuum.down.sql": "SELECT 1;",
  });

  it("reads every file as one transaction: the sqlite driver wraps each one", async () => {
    const migrations = await readMigrations(dir, sqlite);
    expect(migrations.map((m) => [m.version, m.up.transactional])).toEqual([
      ["1", true],
      ["2", true],
      ["3", true],
    ]);
  });

  it("verifies the history, and fails the VACUUM the driver's transaction refuses", async () => {
    const r = await verify({ dir, dialect: "sqlite", cwd: dir });
    expect(summary(r).slice(0, 2)).toEqual([
      ["ok", "ok", "equal", []],
      ["ok", "ok", "equal", []],
    ]);
    expect(r.migrations[2]!.up).toBe("error");
    expect(r.findings.find((f) => f.rule === "migration-fails")?.message).toMatch(/within a transaction/);
  });
});

describe("Prisma with provider sqlite", () => {
  const LOCK = '# Please do not edit this file manually\nprovider = "sqlite"\n';
  const init = `-- CreateTable
CREATE TABLE "Author" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Book" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "authorId" INTEGER NOT NULL,
    CONSTRAINT "Book_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
`;
  // Prisma's style for a change SQLite cannot ALTER: redefine the table with foreign keys off.
  const redefine = (columns: string, copy: string) => `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Book" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
${columns}
    "authorId" INTEGER NOT NULL,
    CONSTRAINT "Book_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Book" (${copy}) SELECT ${copy} FROM "Book";
DROP TABLE "Book";
ALTER TABLE "new_Book" RENAME TO "Book";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`;
  const dir = folder({
    "migration_lock.toml": LOCK,
    "20240101000000_init/migration.sql": init,
    "20240101000000_init/down.sql": 'DROP TABLE "Book";\nDROP TABLE "Author";\n',
    "20240102000000_cascade/migration.sql": redefine('    "title" TEXT NOT NULL,', '"authorId", "id", "title"'),
    "20240102000000_cascade/down.sql": redefine('    "title" TEXT NOT NULL,', '"authorId", "id", "title"').replace(
      "ON DELETE CASCADE",
      "ON DELETE RESTRICT",
    ),
  });

  it("reads a folder locked to sqlite, each statement committing alone as Prisma's SQLite connector runs it", async () => {
    const migrations = await readMigrations(dir, sqlite);
    expect(migrations.map((m) => [m.name, m.up.transactional])).toEqual([
      ["init", false],
      ["cascade", false],
    ]);
  });

  it("verifies the redefinition with rows kept and names the rebuilt table", async () => {
    const r = await verify({ dir, dialect: "sqlite", cwd: dir });
    expect(summary(r)).toEqual([
      ["ok", "ok", "equal", []],
      ["ok", "ok", "equal", []],
    ]);
    expect(r.findings.map((f) => [f.rule, f.file, f.line])).toEqual([
      ["table-rewrite", join("20240102000000_cascade", "migration.sql"), 12],
    ]);
  });

  it("refuses the folder read as PostgreSQL when asked to, naming the dialect to pass", async () => {
    await expect(verify({ dir, cwd: dir, dialect: "postgres" })).rejects.toThrow(
      /provider "sqlite": Lockstep plans PostgreSQL migrations, this folder holds sqlite ones \(pass --dialect sqlite\)/,
    );
  });
});

describe("examples/sqlite-notes", () => {
  const example = join(__dirname, "../../examples/sqlite-notes");

  it("verifies: every migration comes back, rows kept, the rebuild of notes named", async () => {
    const r = await verify({ dir: join(example, "migrations"), dialect: "sqlite", cwd: example });
    expect(summary(r)).toEqual([
      ["ok", "ok", "equal", []],
      ["ok", "ok", "equal", []],
      ["ok", "ok", "equal", []],
      ["ok", "ok", "equal", []],
    ]);
    expect(r.seed).toEqual({ rows: 200, tables: 4, skipped: [] });
    expect(r.findings.map((f) => [f.rule, f.file, f.line])).toEqual([
      ["table-rewrite", join("migrations", "20260126090000_notes_cascade.sql"), 19],
    ]);
  });

  it("wants one change more than its history: the archive date on notebooks", async () => {
    const { readFileSync } = await import("node:fs");
    const { diffSchemas } = await import("../../src/diff/diff.js");
    const { executeUnits, unitOf } = await import("../../src/sources/execute.js");
    const engine = sqlite.openEngine({});
    try {
      const replayed = await engine.fresh();
      const migrations = await readMigrations(join(example, "migrations"), sqlite);
      await executeUnits(
        replayed,
        migrations.map((m) => unitOf(m.up)),
        sqlite,
      );
      const desired = await engine.fresh();
      await desired.exec(readFileSync(join(example, "schema.sql"), "utf8"));
      const changes = diffSchemas(await sqlite.introspect(replayed), await sqlite.introspect(desired), sqlite);
      expect(changes.map((c) => [c.kind, "column" in c ? c.column.name : undefined])).toEqual([
        ["add_column", "archived_at"],
      ]);
    } finally {
      await engine.close();
    }
  });
});

describe("Pop on SQLite", () => {
  const dir = folder({
    "20240101000000000000_create.postgres.up.sql": "CREATE TABLE shelves (id bigserial PRIMARY KEY, tags text[]);",
    "20240101000000000000_create.sqlite3.up.sql": "CREATE TABLE shelves (id INTEGER PRIMARY KEY, tags TEXT);",
    "20240101000000000000_create.down.sql": "DROP TABLE shelves;",
    "20240102000000000000_label.up.sql": "ALTER TABLE shelves ADD COLUMN label TEXT;",
    "20240102000000000000_label.down.sql": "ALTER TABLE shelves DROP COLUMN label;",
  });

  it("reads the sqlite3 files and the generic ones, and lists the PostgreSQL ones as not read", async () => {
    const r = await verify({ dir, dialect: "sqlite", cwd: dir });
    expect(r.migrations.map((m) => [m.file, m.roundTrip])).toEqual([
      ["20240101000000000000_create.sqlite3.up.sql", "equal"],
      ["20240102000000000000_label.up.sql", "equal"],
    ]);
    expect(r.findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining("files for other dialects not read (1 postgres): Lockstep reads the sqlite3 ones"),
    );
  });
});

/**
 * Prisma with `provider = "sqlite"`: the schema compiled to the SQLite DDL Prisma Migrate writes,
 * built on sql.js, equals the schema its migrations folder builds (a fixture written in Prisma's
 * style); the provider picks the dialect.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { describeChange } from "../../src/diff/describe.js";
import { diffSchemas } from "../../src/diff/diff.js";
import { postgres } from "../../src/dialects/postgres/index.js";
import { sqlite } from "../../src/dialects/sqlite/index.js";
import { readMigrations } from "../../src/frameworks/index.js";
import { compilePrismaSchema } from "../../src/frameworks/prisma/model/index.js";
import type { Schema } from "../../src/schema/model.js";
import { executeSql } from "../../src/sources/execute.js";

const SCHEMA = `datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}

enum Role {
  READER
  EDITOR
}

model Author {
  id      Int      @id @default(autoincrement())
  email   String   @unique
  name    String?
  role    Role     @default(READER)
  joined  DateTime @default(now())
  active  Boolean  @default(true)
  rating  Float?
  books   Book[]
  tags    Tag[]
}

model Book {
  id       String  @id @default(cuid())
  title    String
  pages    Int     @default(0)
  cover    Bytes?
  authorId Int
  author   Author  @relation(fields: [authorId], references: [id], onDelete: Cascade)

  @@index([authorId])
}

model Tag {
  label   String   @id
  authors Author[]
}

model Shelf {
  room  String
  slot  Int
  note  String?

  @@id([room, slot])
}
`;

/** The migration `prisma migrate dev` would write for SCHEMA, in its style (written for this test). */
const MIGRATION = `-- CreateTable
CREATE TABLE "Author" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'READER',
    "joined" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "rating" REAL
);

-- CreateTable
CREATE TABLE "Book" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "cover" BLOB,
    "authorId" INTEGER NOT NULL,
    CONSTRAINT "Book_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Tag" (
    "label" TEXT NOT NULL PRIMARY KEY
);

-- CreateTable
CREATE TABLE "Shelf" (
    "room" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "note" TEXT,

    PRIMARY KEY ("room", "slot")
);

-- CreateTable
CREATE TABLE "_AuthorToTag" (
    "A" INTEGER NOT NULL,
    "B" TEXT NOT NULL,
    CONSTRAINT "_AuthorToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Author" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_AuthorToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag" ("label") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Author_email_key" ON "Author"("email");

-- CreateIndex
CREATE INDEX "Book_authorId_idx" ON "Book"("authorId");

-- CreateIndex
CREATE UNIQUE INDEX "_AuthorToTag_AB_unique" ON "_AuthorToTag"("A", "B");

-- CreateIndex
CREATE INDEX "_AuthorToTag_B_index" ON "_AuthorToTag"("B");
`;

const engine = sqlite.openEngine({});
beforeAll(() => sqlite.ready());

async function build(sql: string, file: string): Promise<Schema> {
  const db = await engine.fresh();
  try {
    await executeSql(db, sql, { file }, true, sqlite);
    return await sqlite.introspect(db);
  } finally {
    await db.close();
  }
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "lockstep-prisma-sqlite-"));
  const files: Record<string, string> = {
    "prisma/schema.prisma": SCHEMA,
    "prisma/migrations/migration_lock.toml": 'provider = "sqlite"\n',
    "prisma/migrations/20240101000000_init/migration.sql": MIGRATION,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("Prisma schemas with provider sqlite", () => {
  it("compile to the SQLite DDL Prisma writes: primary keys and foreign keys inside CREATE TABLE, enums as TEXT", () => {
    const { ddl } = compilePrismaSchema([["schema.prisma", SCHEMA]], sqlite);
    expect(ddl).toContain('"Author" (\n    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,');
    expect(ddl).toContain("role TEXT NOT NULL DEFAULT 'READER'");
    expect(ddl).toContain(
      '    CONSTRAINT "Book_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author" (id) ON DELETE CASCADE ON UPDATE CASCADE',
    );
    expect(ddl).not.toMatch(/ALTER TABLE|CREATE TYPE|SERIAL/);
  });

  it("build the schema their migrations folder builds", async () => {
    const dir = project();
    const [migration] = await readMigrations(join(dir, "prisma/migrations"), sqlite);
    const fromMigrations = await build(migration!.up.text, migration!.up.file);
    const desired = await build(compilePrismaSchema([["schema.prisma", SCHEMA]], sqlite).ddl, "schema.prisma");
    expect(diffSchemas(fromMigrations, desired, sqlite).map(describeChange)).toEqual([]);
    expect(desired.tables.map((t) => t.name)).toEqual(["Author", "Book", "Shelf", "Tag", "_AuthorToTag"]);
  });

  it("are refused by another dialect, naming the one to pass", () => {
    expect(() => compilePrismaSchema([["schema.prisma", SCHEMA]], postgres)).toThrow(
      /provider is "sqlite"; Lockstep reads PostgreSQL schemas here \(provider = "postgresql"\) \(pass --dialect sqlite\)/,
    );
  });
});

import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { initParser } from "../dialects/postgres/parse.js";
import { prismaReader } from "./prisma.js";
import { expectMissingFolderError, expectReadError, tempFolders } from "./testing.js";

const { root, folder } = tempFolders("lockstep-prisma-", path.join("prisma", "migrations"));
beforeAll(() => initParser());

const LOCK = 'provider = "postgresql"\n';

describe("Prisma reader", () => {
  it("reads migration folders in name order, with down.sql when present", () => {
    const dir = folder({
      "migration_lock.toml": LOCK,
      "20240102000000_add_index/migration.sql":
        '-- CreateIndex\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n',
      "20240101000000_init/migration.sql":
        '\ufeff-- CreateTable\r\nCREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT NOT NULL);\r\n\r\n-- CreateIndex\r\nCREATE UNIQUE INDEX "User_email_key" ON "User"("email");\r\n',
      "20240101000000_init/down.sql": 'DROP TABLE "User";\n',
      "20240103000000_empty/migration.sql": "",
    });
    const migrations = prismaReader.read(dir);
    expect(migrations.map((m) => [m.version, m.name, m.up.transactional, m.down?.text])).toEqual([
      ["20240101000000", "init", true, 'DROP TABLE "User";\n'],
      // One CONCURRENTLY statement alone: Prisma sends it on its own, outside a transaction.
      ["20240102000000", "add_index", false, undefined],
      ["20240103000000", "empty", true, undefined],
    ]);
    expect(migrations[0]!.path).toBe(path.join(dir, "20240101000000_init"));
    expect(migrations[0]!.up.file).toBe(path.join(dir, "20240101000000_init", "migration.sql"));
    expect(migrations[0]!.up.text.startsWith("-- CreateTable\r\n")).toBe(true);
  });

  it("reads several statements with a CONCURRENTLY one as one transaction, where Prisma fails too", () => {
    const dir = folder({
      "migration_lock.toml": LOCK,
      "1_x/migration.sql": 'ALTER TABLE "User" ADD "name" TEXT;\nCREATE INDEX CONCURRENTLY i ON "User"("name");\n',
    });
    expect(prismaReader.read(dir)[0]!.up.transactional).toBe(true);
  });

  it("reports a folder without migration.sql", () => {
    const dir = folder({ "migration_lock.toml": LOCK, "20240101000000_init/down.sql": "" });
    expectReadError(
      prismaReader,
      dir,
      { file: "20240101000000_init" },
      "a Prisma migration folder needs a migration.sql",
    );
  });

  it("rejects a binary file with its location", () => {
    const dir = folder({
      "migration_lock.toml": LOCK,
      "1_x/migration.sql": Buffer.from("SELECT 1;\n\n\n\u0000"),
    });
    expectReadError(
      prismaReader,
      dir,
      { file: path.join("1_x", "migration.sql"), line: 4 },
      "binary file (it holds a NUL byte)",
    );
  });

  it("reports a missing folder", () => {
    expectMissingFolderError(prismaReader, root);
  });

  it("detects the lock file or migration.sql folders", () => {
    expect(prismaReader.detect(folder({ "migration_lock.toml": LOCK }))).toBe(true);
    expect(prismaReader.detect(folder({ "1_x/migration.sql": "" }))).toBe(true);
    expect(prismaReader.detect(folder({ "1_x/up.sql": "" }))).toBe(false);
  });
});

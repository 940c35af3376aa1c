import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../util/errors.js";
import { detectFormat, FRAMEWORKS, modelAt, readers, readMigrations, writers } from "./index.js";
import { tempFolders } from "./shared/testing.js";
import { postgres } from "../dialects/postgres/index.js";

const { root, folder } = tempFolders("lockstep-index-");

describe("registry", () => {
  it("names each reader and writer by its key", () => {
    for (const [name, reader] of Object.entries(readers)) expect(reader.name).toBe(name);
    for (const [name, writer] of Object.entries(writers)) expect(writer!.name).toBe(name);
    expect(Object.keys(readers).sort()).toEqual([
      "dbmate",
      "diesel",
      "flyway",
      "golang-migrate",
      "pop",
      "prisma",
      "sql",
    ]);
    expect(Object.keys(writers).sort()).toEqual(["dbmate", "diesel", "flyway", "golang-migrate", "prisma", "sql"]);
  });

  it("lists each framework once, plain SQL last, each with its reader, writer and runner under its name", () => {
    expect(FRAMEWORKS.map((f) => f.name)).toEqual([
      "prisma",
      "diesel",
      "pop",
      "golang-migrate",
      "flyway",
      "dbmate",
      "sql",
    ]);
    for (const f of FRAMEWORKS) {
      expect(f.reader.name).toBe(f.name);
      if (f.writer) expect(f.writer.name).toBe(f.name);
      expect(f.reader.files).not.toBe("");
      expect(["per-file", "one-query"]).toContain(f.runner.transactions);
    }
    expect(FRAMEWORKS.filter((f) => !f.runner.bookkeepingTable).map((f) => f.name)).toEqual(["sql"]);
  });

  it("finds a framework's model by its file: Prisma's schema, nothing for SQL", () => {
    const dir = folder({ "schema.prisma": "model A {\n  id Int @id\n}\n", "schema.sql": "SELECT 1;" });
    expect(modelAt(path.join(dir, "schema.prisma"))).toBe(FRAMEWORKS[0].model);
    expect(modelAt(path.join(dir, "schema.sql"))).toBeUndefined();
  });
});

describe("detectFormat", () => {
  it.each([
    ["prisma", { "migration_lock.toml": 'provider = "postgresql"\n', "1_init/migration.sql": "" }],
    ["diesel", { "2024-01-01-000000_init/up.sql": "", "2024-01-01-000000_init/down.sql": "" }],
    ["golang-migrate", { "000001_init.up.sql": "", "000001_init.down.sql": "" }],
    ["flyway", { "V1__init.sql": "", "R__views.sql": "" }],
    ["dbmate", { "20240101000000_init.sql": "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n" }],
    ["sql", { "001_init.sql": "CREATE TABLE t (a int);" }],
    // Plain SQL with downs beside it is not golang-migrate: that needs `.up.sql` files.
    ["sql", { "0001_init.sql": "CREATE TABLE t (a int);", "0001_init.down.sql": "DROP TABLE t;" }],
    ["sql", {}],
  ] as const)("recognises %s", (format, files) => {
    expect(detectFormat(folder(files)).name).toBe(format);
  });

  it("reports a missing folder", () => {
    const dir = path.join(root, "missing");
    expect(() => detectFormat(dir)).toThrow(new InputError("migrations folder not found", dir));
  });
});

describe("readMigrations", () => {
  it("reads with the detected format", async () => {
    const dir = folder({
      "000002_b.up.sql": "SELECT 2;",
      "000001_a.up.sql": "CREATE INDEX CONCURRENTLY i ON t (a);",
    });
    const migrations = await readMigrations(dir, postgres);
    expect(migrations.map((m) => [m.version, m.up.transactional])).toEqual([
      ["000001", false],
      ["000002", true],
    ]);
  });

  it("reads with a format given by the caller", async () => {
    const dir = folder({ "20240101000000_a.sql": "-- migrate:up\nSELECT 1;\n-- migrate:down\n" });
    const migrations = await readMigrations(dir, postgres, "sql");
    expect(migrations[0]!.up.text).toBe("-- migrate:up\nSELECT 1;\n-- migrate:down\n");
  });

  it("rejects a missing folder and a file with an InputError naming it", async () => {
    const missing = path.join(root, "missing");
    await expect(readMigrations(missing, postgres)).rejects.toThrow(`${missing}: migrations folder not found`);
    const file = path.join(folder({ "a.sql": "" }), "a.sql");
    await expect(readMigrations(file, postgres)).rejects.toBeInstanceOf(InputError);
    await expect(readMigrations(file, postgres)).rejects.toThrow(
      `${file}: not a folder (expected a migrations folder)`,
    );
  });
});

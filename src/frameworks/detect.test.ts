import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { expectInputError, tempFolders } from "./shared/testing.js";
import { detectProject, outputFormat } from "./detect.js";
import { datasourceProvider } from "./prisma/project.js";

const { folder } = tempFolders("lockstep-detect-");

const schema = (provider: string) =>
  [
    "// the shop",
    "generator client {",
    '  provider = "prisma-client-js"',
    "}",
    "",
    "datasource db {",
    `  provider = "${provider}" // the database`,
    '  url      = env("DATABASE_URL")',
    "}",
    "",
    "model User {",
    "  id Int @id",
    "}",
    "",
  ].join("\n");

/** Where the project's schema and migrations are, and how the schema was found. */
const located = (root: string) => {
  const p = detectProject(root)!;
  return [p.schemaFile, p.migrationsDir, p.evidence[0]];
};

const LOCK = 'provider = "postgresql"\n';
const DBMATE = "-- migrate:up\nCREATE TABLE t (a int);\n-- migrate:down\nDROP TABLE t;\n";

describe("detectProject: Prisma", () => {
  it("finds prisma/schema.prisma, its provider and prisma/migrations", () => {
    const root = folder({
      "prisma/schema.prisma": schema("postgresql"),
      "prisma/migrations/migration_lock.toml": LOCK,
      "migrations/001_other.sql": "SELECT 1;",
    });
    expect(detectProject(root)).toEqual({
      root,
      framework: "prisma",
      dialect: "postgresql",
      migrationsDir: path.join(root, "prisma", "migrations"),
      format: "prisma",
      schemaFile: path.join(root, "prisma", "schema.prisma"),
      dialectSource: path.join(root, "prisma", "schema.prisma"),
      evidence: [
        "Prisma schema prisma/schema.prisma (found by prisma/schema.prisma)",
        'datasource provider "postgresql" in prisma/schema.prisma',
        "migrations in prisma/migrations",
      ],
    });
  });

  it("finds schema.prisma at the root, reads the postgres alias, and says the migrations are not created yet", () => {
    const root = folder({ "schema.prisma": schema("postgres") });
    const project = detectProject(root)!;
    expect([project.dialect, project.schemaFile, project.migrationsDir]).toEqual([
      "postgresql",
      path.join(root, "schema.prisma"),
      path.join(root, "migrations"),
    ]);
    expect(project.evidence[2]).toBe("migrations in migrations (not created yet)");
  });

  it("follows package.json prisma.schema before the default locations", () => {
    const root = folder({
      "package.json": JSON.stringify({ name: "shop", prisma: { schema: "db/app.prisma" } }),
      "db/app.prisma": schema("postgresql"),
      "prisma/schema.prisma": schema("mysql"),
    });
    expect(located(root)).toEqual([
      path.join(root, "db", "app.prisma"),
      path.join(root, "db", "migrations"),
      "Prisma schema db/app.prisma (found by package.json prisma.schema)",
    ]);
  });

  it("reads a multi-file schema folder: migrations beside the file with the datasource", () => {
    const root = folder({
      "package.json": JSON.stringify({ prisma: { schema: "./db" } }),
      "db/models/post.prisma": "model Post {\n  id Int @id\n}\n",
      "db/schema.prisma": schema("postgresql"),
      "db/migrations/1_init/migration.prisma": "not a schema file: migrations are skipped",
    });
    const project = detectProject(root)!;
    expect([project.schemaFile, project.dialectSource, project.migrationsDir]).toEqual([
      path.join(root, "db"),
      path.join(root, "db", "schema.prisma"),
      path.join(root, "db", "migrations"),
    ]);
  });

  it("finds the prisma/schema/ folder, through a symbolic link loop", () => {
    const root = folder({ "prisma/schema/main.prisma": schema("postgresql"), "prisma/schema/user.prisma": "" });
    fs.symlinkSync(path.join(root, "prisma", "schema"), path.join(root, "prisma", "schema", "loop"));
    const project = detectProject(root)!;
    expect([project.schemaFile, project.migrationsDir]).toEqual([
      path.join(root, "prisma", "schema"),
      path.join(root, "prisma", "schema", "migrations"),
    ]);
  });

  it("reads schema and migrations.path from prisma.config.ts where they are string literals", () => {
    const config = [
      'import { defineConfig, env } from "prisma/config";',
      "export default defineConfig({",
      "  schema: 'db/schema.prisma',",
      "  migrations: { seed: `tsx db/seed.ts`, path: `db/history` },",
      '  datasource: { url: env("DATABASE_URL") },',
      "});",
    ].join("\n");
    const root = folder({
      "prisma.config.ts": config,
      "package.json": JSON.stringify({ prisma: { schema: "elsewhere.prisma" } }),
      "db/schema.prisma": schema("postgresql"),
    });
    expect(located(root)).toEqual([
      path.join(root, "db", "schema.prisma"),
      path.join(root, "db", "history"),
      "Prisma schema db/schema.prisma (found by prisma.config.ts schema)",
    ]);
    // A schema computed in code is not evaluated: the default locations apply, migrations.path still does.
    const computed = folder({
      "prisma.config.mjs": 'export default { schema: path.join("prisma", "main.prisma"), migrations: { path: "m" } };',
      "prisma/schema.prisma": schema("postgresql"),
    });
    expect([detectProject(computed)!.schemaFile, detectProject(computed)!.migrationsDir]).toEqual([
      path.join(computed, "prisma", "schema.prisma"),
      path.join(computed, "m"),
    ]);
    const missing = folder({ "prisma.config.ts": 'export default { schema: "nope.prisma" };' });
    expectInputError(
      () => detectProject(missing),
      { file: path.join(missing, "prisma.config.ts") },
      "schema names nope.prisma, which does not exist",
    );
  });

  it("reports other databases, and a schema without a datasource as unknown", () => {
    expect(detectProject(folder({ "prisma/schema.prisma": schema("mysql") }))!.dialect).toBe("mysql");
    expect(detectProject(folder({ "prisma/schema.prisma": schema("cockroachdb") }))!.dialect).toBe("cockroachdb");
    const bare = detectProject(folder({ "prisma/schema.prisma": "model A {\n  id Int @id\n}\n" }))!;
    expect([bare.dialect, bare.dialectSource, bare.evidence[1]]).toEqual([
      "unknown",
      undefined,
      "no datasource block: the database is unknown",
    ]);
  });

  it("rejects a package.json that does not parse, or a prisma.schema naming nothing", () => {
    const broken = folder({ "package.json": "{ nope" });
    expect(() => detectProject(broken)).toThrow(`${path.join(broken, "package.json")}: invalid JSON`);
    const missing = folder({ "package.json": JSON.stringify({ prisma: { schema: "gone.prisma" } }) });
    expectInputError(
      () => detectProject(missing),
      { file: path.join(missing, "package.json") },
      "prisma.schema names gone.prisma, which does not exist",
    );
  });
});

describe("detectProject: plain SQL", () => {
  it("finds db/migrations with its format", () => {
    const root = folder({ "db/migrations/20240101000000_init.sql": DBMATE, "migrations/.keep": "" });
    expect(detectProject(root)).toEqual({
      root,
      framework: "sql",
      dialect: "postgresql",
      migrationsDir: path.join(root, "db", "migrations"),
      format: "dbmate",
      evidence: [
        "migrations in db/migrations (default location), dbmate format",
        "no schema.sql: no desired schema",
        "dialect postgresql: Lockstep's default (set dialect in lockstep.config.json)",
      ],
    });
  });

  it("takes schema.sql at the root as the desired schema, as lockstep check does", () => {
    const root = folder({ "migrate/001_init.sql": "SELECT 1;", "schema.sql": "CREATE TABLE t (a int);" });
    const project = detectProject(root)!;
    expect([project.migrationsDir, project.schemaFile, project.evidence[1]]).toEqual([
      path.join(root, "migrate"),
      path.join(root, "schema.sql"),
      "desired schema schema.sql (declarative SQL)",
    ]);
  });

  it("finds migrations/ (golang-migrate here), skipping an empty db/migrations", () => {
    const root = folder({ "migrations/000001_init.up.sql": "SELECT 1;" });
    fs.mkdirSync(path.join(root, "db", "migrations"), { recursive: true });
    const project = detectProject(root)!;
    expect([project.framework, project.format, project.migrationsDir]).toEqual([
      "sql",
      "golang-migrate",
      path.join(root, "migrations"),
    ]);
  });

  it("uses the configured migrations folder", () => {
    const root = folder({ "sql/changes/001_init.sql": "SELECT 1;", "migrations/000001_a.up.sql": "" });
    const project = detectProject(root, { migrations: "sql/changes" })!;
    expect([project.format, project.migrationsDir, project.evidence[0]]).toEqual([
      "sql",
      path.join(root, "sql", "changes"),
      "migrations in sql/changes (configured), sql format",
    ]);
  });

  it("finds nothing in a folder without tooling", () => {
    expect(detectProject(folder({ "README.md": "hello", "src/index.ts": "" }))).toBeUndefined();
  });
});

describe("outputFormat", () => {
  it("is the folder's format, Prisma's for a new folder beside a Prisma schema, else sql", () => {
    const root = folder({
      "prisma/schema.prisma": schema("postgresql"),
      "db/migrations/000001_a.up.sql": "SELECT 1;",
    });
    expect(outputFormat(path.join(root, "prisma", "migrations"))).toBe("prisma");
    expect(outputFormat(path.join(root, "db", "migrations"))).toBe("golang-migrate");
    expect(outputFormat(path.join(root, "elsewhere"))).toBe("sql");
  });
});

describe("datasourceProvider", () => {
  it("reads the provider of the datasource block only, past comments", () => {
    const text =
      'generator c {\n  provider = "prisma-client-js"\n}\ndatasource db {\n  // provider = "mysql"\n  provider = "postgresql"\n}\n';
    expect(datasourceProvider(text)).toEqual({ provider: "postgresql", line: 6 });
    expect(datasourceProvider('generator c {\n  provider = "x"\n}\n')).toBeUndefined();
  });
});

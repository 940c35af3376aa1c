import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { expectInputError, tempFolders } from "../frameworks/shared/testing.js";
import { planInputs } from "./plan-inputs.js";

const { folder } = tempFolders("lockstep-plan-inputs-");

const SCHEMA = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n';
const MIGRATION = { "prisma/migrations/20240101000000_init/migration.sql": "CREATE TABLE a (id int);\n" };

describe("planInputs", () => {
  it("takes the request as it is when it names --to and no project", () => {
    const cwd = folder({ "prisma/schema.prisma": SCHEMA });
    expect(planInputs({ to: "after.sql", out: "out", name: "x", writer: "dbmate" }, cwd)).toEqual({
      to: "after.sql",
      out: "out",
      writer: "dbmate",
    });
  });

  it("in a Prisma project: migrations → schema.prisma, previewing without --name", () => {
    const cwd = folder({ "prisma/schema.prisma": SCHEMA, ...MIGRATION });
    const inputs = planInputs({}, cwd);
    expect({ ...inputs, project: inputs.project?.framework }).toEqual({
      from: path.join("prisma", "migrations"),
      to: path.join("prisma", "schema.prisma"),
      writer: "prisma",
      project: "prisma",
      dialect: "postgres",
    });
  });

  it("speaks the dialect of the datasource provider: a sqlite project, or --to a sqlite schema.prisma", () => {
    const sqliteSchema = SCHEMA.replace("postgresql", "sqlite");
    const cwd = folder({ "prisma/schema.prisma": sqliteSchema, "other.prisma": sqliteSchema, ...MIGRATION });
    expect(planInputs({}, cwd).dialect).toBe("sqlite");
    expect(planInputs({ to: "other.prisma" }, cwd)).toEqual({ to: "other.prisma", dialect: "sqlite" });
    expect(planInputs({ to: "prisma/schema.prisma", from: "prisma/migrations" }, cwd).dialect).toBe("sqlite");
  });

  it("writes into the migrations folder with --name; explicit flags win", () => {
    const cwd = folder({ "prisma/schema.prisma": SCHEMA, ...MIGRATION });
    expect(planInputs({ name: "add_avatar" }, cwd).out).toBe(path.join("prisma", "migrations"));
    const inputs = planInputs({ project: ".", to: "desired.sql", from: "old.sql", out: "o", writer: "sql" }, cwd);
    expect([inputs.from, inputs.to, inputs.out, inputs.writer]).toEqual(["old.sql", "desired.sql", "o", "sql"]);
  });

  it("plans from an empty database before the first migration", () => {
    const cwd = folder({ "prisma/schema.prisma": SCHEMA });
    const inputs = planInputs({ name: "init" }, cwd);
    expect([inputs.from, inputs.to, inputs.out]).toEqual([
      undefined,
      path.join("prisma", "schema.prisma"),
      path.join("prisma", "migrations"),
    ]);
  });

  it("detects in --project, paths relative to the current folder", () => {
    const cwd = folder({ "app/prisma/schema.prisma": SCHEMA, "app/prisma/migrations/migration_lock.toml": "" });
    const inputs = planInputs({ project: "app", to: "desired.sql" }, cwd);
    expect([inputs.from, inputs.to]).toEqual([path.join("app", "prisma", "migrations"), "desired.sql"]);
  });

  it("refuses a project for another database, naming the schema file", () => {
    const cwd = folder({ "schema.prisma": SCHEMA.replace("postgresql", "mysql") });
    expectInputError(
      () => planInputs({}, cwd),
      { file: "schema.prisma" },
      'provider "mysql": Lockstep plans PostgreSQL migrations',
    );
  });

  it("says what it looked for when there is no project", () => {
    const cwd = folder({ "notes.txt": "" });
    expect(() => planInputs({}, cwd)).toThrow(
      "no --to <source> given, and no project found in . (looked for prisma.config.ts, package.json prisma.schema, prisma/schema.prisma, schema.prisma, prisma/schema/, db/migrations, migrations, prisma/migrations, migrate, supabase/migrations); pass --to, or --project DIR",
    );
    expectInputError(() => planInputs({ project: "nope" }, cwd), { file: "nope" }, "project folder not found");
  });

  it("plans a plain SQL project towards its schema.sql", () => {
    const cwd = folder({ "db/migrations/20240101000000_a.sql": "-- migrate:up\n-- migrate:down\n", "schema.sql": "" });
    expect(planInputs({ name: "x" }, cwd)).toMatchObject({
      from: path.join("db", "migrations"),
      to: "schema.sql",
      out: path.join("db", "migrations"),
      writer: "dbmate",
    });
  });

  it("needs --to in a plain SQL project without schema.sql", () => {
    const cwd = folder({ "migrations/001_init.sql": "SELECT 1;" });
    expect(() => planInputs({}, cwd)).toThrow(
      "found migrations (sql) but no model to plan towards: pass --to <source>",
    );
    expect(planInputs({ project: ".", to: "schema.sql", name: "x" }, cwd)).toMatchObject({
      from: "migrations",
      to: "schema.sql",
      out: "migrations",
      writer: "sql",
    });
  });
});

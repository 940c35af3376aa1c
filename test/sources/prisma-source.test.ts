import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { plan } from "../../src/commands/plan.js";
import { runCli, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

const DATASOURCE = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}
`;

const V1 = `${DATASOURCE}
enum Status {
  DRAFT
  LIVE
}

model Post {
  id     Int    @id @default(autoincrement())
  title  String
  status Status @default(DRAFT)
}
`;

/** V1 plus a column, an index and an enum value listed first (Prisma appends it in the database). */
const V2 = V1.replace("enum Status {\n", "enum Status {\n  ARCHIVED\n").replace(
  "  status Status @default(DRAFT)\n",
  "  status Status @default(DRAFT)\n  slug   String?\n\n  @@index([slug])\n",
);

/** The migration Prisma writes for V1. */
const V1_MIGRATION = `-- CreateEnum
CREATE TYPE "Status" AS ENUM ('DRAFT', 'LIVE');

-- CreateTable
CREATE TABLE "Post" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "status" "Status" NOT NULL DEFAULT 'DRAFT',

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);
`;

function project(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** The folder as a git repository with one commit. */
function commitAll(dir: string): void {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q");
  git("add", ".");
  git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "v1");
}

const cli = (dir: string, ...args: string[]) => runCli(["plan", "--cache-dir", TEST_CACHE, ...args], dir);

describe("schema.prisma as a plan source", () => {
  it("--from the migrations folder or git:HEAD:prisma/schema.prisma --to prisma/schema.prisma", async () => {
    const dir = project({
      "prisma/schema.prisma": V1,
      "prisma/migrations/migration_lock.toml": 'provider = "postgresql"\n',
      "prisma/migrations/20240101000000_init/migration.sql": V1_MIGRATION,
    });
    commitAll(dir);

    const unchanged = await plan({
      from: "prisma/migrations",
      to: "prisma/schema.prisma",
      cwd: dir,
      cacheDir: TEST_CACHE,
    });
    expect(unchanged.changes).toEqual([]);

    writeFileSync(join(dir, "prisma/schema.prisma"), V2);
    const expected = [
      ["add_enum_value", undefined],
      ["add_column", "slug"],
      ["add_index", undefined],
    ];
    for (const from of ["prisma/migrations", "git:HEAD:prisma/schema.prisma"]) {
      const result = await plan({ from, to: "prisma/schema.prisma", cwd: dir, cacheDir: TEST_CACHE });
      expect(result.changes.map((c) => [c.kind, c.column])).toEqual(expected);
      expect(result.verdict).not.toBe("BLOCK");
      // The new value is appended, as Prisma writes it (ALTER TYPE … ADD VALUE, no AFTER), though
      // the schema lists it first: Prisma's enums have no order in the database.
      expect(result.steps.flatMap((s) => s.up)).toContain(`ALTER TYPE "Status" ADD VALUE 'ARCHIVED'`);
      expect(result.steps.flatMap((s) => s.up).join("\n")).not.toMatch(/AFTER|BEFORE/);
    }
    // Written and replayed, the database's order (ARCHIVED last) is no reorder for the next plan.
    const written = await plan({
      from: "prisma/migrations",
      to: "prisma/schema.prisma",
      cwd: dir,
      cacheDir: TEST_CACHE,
      out: "prisma/migrations",
      name: "v2",
    });
    expect(written.files.length).toBeGreaterThan(0);
    const next = await plan({ from: "prisma/migrations", to: "prisma/schema.prisma", cwd: dir, cacheDir: TEST_CACHE });
    expect(next.changes).toEqual([]);
  });

  it("Json[] → Json: converted with to_jsonb of the array, and the self-check passes over rows", async () => {
    const model = (tags: string) =>
      `${DATASOURCE}\nmodel Doc {\n  id   Int  @id @default(autoincrement())\n  tags ${tags}\n}\n`;
    const dir = project({
      "prisma/schema.prisma": model("Json?"),
      "prisma/migrations/migration_lock.toml": 'provider = "postgresql"\n',
      "prisma/migrations/20240101000000_init/migration.sql":
        'CREATE TABLE "Doc" (\n    "id" SERIAL NOT NULL,\n    "tags" JSONB[],\n\n    CONSTRAINT "Doc_pkey" PRIMARY KEY ("id")\n);\n',
    });
    const result = await plan({
      from: "prisma/migrations",
      to: "prisma/schema.prisma",
      cwd: dir,
      cacheDir: TEST_CACHE,
      allowBreaking: true,
    });
    expect(result.changes.map((c) => c.kind)).toEqual(["alter_column_type"]);
    expect(result.findings.filter((f) => f.rule === "self-check")).toEqual([]);
    expect(result.steps.flatMap((s) => s.up).join("\n")).toContain("tags_lockstep_new = to_jsonb(tags)");
  });

  it("a multi-file schema folder (prisma/schema/*.prisma)", async () => {
    const dir = project({
      "prisma/schema/main.prisma": DATASOURCE,
      "prisma/schema/post.prisma": "model Post {\n  id Int @id\n}\n",
      "prisma/schema/models/tag.prisma": "model Tag {\n  id Int @id\n  name String @unique\n}\n",
    });
    const result = await plan({ to: "prisma/schema", cwd: dir, cacheDir: TEST_CACHE });
    expect(result.changes.map((c) => [c.kind, c.table]).sort()).toEqual([
      ["create_table", "Post"],
      ["create_table", "Tag"],
    ]);
    const tag = result.to.tables.find((t) => t.name === "Tag")!;
    expect(tag.indexes.map((i) => i.name)).toEqual(["Tag_name_key"]);
  });
});

describe("in a project under git, the model's change since the newest migration's commit is planned", () => {
  it("hand-written SQL the schema does not describe stays (reported), unless --no-baseline", async () => {
    const handWritten = `${V1_MIGRATION}
CREATE INDEX "Post_title_hash" ON "Post" USING hash ("title");
ALTER TABLE "Post" ALTER COLUMN "title" SET DEFAULT '';
`;
    const dir = project({
      "prisma/schema.prisma": V1,
      "prisma/migrations/migration_lock.toml": 'provider = "postgresql"\n',
      "prisma/migrations/20240101000000_init/migration.sql": handWritten,
    });
    commitAll(dir);
    // The model as the newest migration's commit had it: no baseline, everything pending is planned.
    const unedited = await plan({ cwd: dir, cacheDir: TEST_CACHE });
    expect(unedited.sources.baseline).toBeUndefined();
    expect(unedited.changes.map((c) => c.kind).sort()).toEqual(["drop_default", "drop_index"]);

    writeFileSync(join(dir, "prisma/schema.prisma"), V2);
    const result = await plan({ cwd: dir, cacheDir: TEST_CACHE });
    expect(result.sources.baseline).toMatch(/^git:[0-9a-f]{12}:prisma\/schema\.prisma$/);
    expect(result.changes.map((c) => [c.kind, c.column])).toEqual([
      ["add_enum_value", undefined],
      ["add_column", "slug"],
      ["add_index", undefined],
    ]);
    const left = result.findings.find((f) => f.rule === "baseline-drift");
    expect(left?.severity).toBe("info");
    expect(left?.message).toMatch(
      /^2 differences .*: drop default Post\.title: ''::text → none; drop index Post_title_hash on Post$/,
    );

    const everything = await plan({ cwd: dir, cacheDir: TEST_CACHE, baseline: false });
    expect(everything.sources.baseline).toBeUndefined();
    expect(everything.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(["drop_index", "add_column"]));
    expect(everything.changes).toHaveLength(5);
  });
});

describe("the project's Prisma version", () => {
  it("before Prisma 6, an implicit many-to-many table has a unique index instead of a primary key", async () => {
    const schema = `${DATASOURCE}
model Post {
  id   Int   @id
  tags Tag[]
}

model Tag {
  id    Int    @id
  posts Post[]
}
`;
    const joinOf = async (pkg: object) => {
      const dir = project({ "package.json": JSON.stringify(pkg), "prisma/schema.prisma": schema });
      const result = await plan({ to: "prisma/schema.prisma", cwd: dir, cacheDir: TEST_CACHE });
      const join = result.to.tables.find((t) => t.name === "_PostToTag")!;
      return { pk: join.primaryKey?.name, indexes: join.indexes.map((i) => i.name).sort() };
    };
    expect(await joinOf({ devDependencies: { prisma: "^5.22.0" } })).toEqual({
      pk: undefined,
      indexes: ["_PostToTag_AB_unique", "_PostToTag_B_index"],
    });
    for (const pkg of [{ dependencies: { "@prisma/client": "6.14.0" } }, {}])
      expect(await joinOf(pkg)).toEqual({ pk: "_PostToTag_AB_pkey", indexes: ["_PostToTag_B_index"] });
  });
});

describe("what Prisma Migrate does not need is not held against the schema", () => {
  it("views (even ones this engine version rejects) and the same shadowDatabaseUrl as directUrl", async () => {
    const dir = project({
      "schema.prisma": `datasource db {
  provider          = "postgresql"
  url               = env("A")
  directUrl         = env("B")
  shadowDatabaseUrl = env("B")
}

model A {
  id Int @id
}

view V {
  id Int @id
}
`,
    });
    const result = await plan({ to: "schema.prisma", cwd: dir, cacheDir: TEST_CACHE });
    expect(result.changes.map((c) => [c.kind, c.table])).toEqual([["create_table", "A"]]);
  });
});

describe("what Prisma does not model or tell apart stays as the database has it", () => {
  it("hand-written CHECK, UNIQUE constraint, now(), '{}', NOT NULL arrays, extensions: no change planned", async () => {
    const migration = `CREATE EXTENSION IF NOT EXISTS citext;
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" CITEXT NOT NULL,
    "tags" TEXT[] NOT NULL DEFAULT '{}',
    "age" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT now(),
    CONSTRAINT "User_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "User_email_key" UNIQUE ("email"),
    CONSTRAINT "User_age_check" CHECK ("age" >= 0)
);
`;
    const dir = project({
      "prisma/schema.prisma": `${DATASOURCE}
model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique @db.Citext
  tags      String[] @default([])
  age       Int
  createdAt DateTime @default(now())
}
`,
      "prisma/migrations/20240101000000_init/migration.sql": migration,
    });
    const result = await plan({
      from: "prisma/migrations",
      to: "prisma/schema.prisma",
      cwd: dir,
      cacheDir: TEST_CACHE,
    });
    expect(result.changes).toEqual([]);
  });
});

describe("a schema.prisma Lockstep cannot use: Prisma's message, located, exit 2", () => {
  it("a schema Prisma rejects: file, line and column of Prisma's error", async () => {
    const dir = project({
      "schema.prisma": `${DATASOURCE}\nmodel Post {\n  id    Int     @id\n  title Strin\n}\n`,
    });
    const run = await cli(dir, "--to", "schema.prisma");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'lockstep: schema.prisma:8:9: invalid Prisma schema: Type "Strin" is neither a built-in type, nor refers to another model, composite type, or enum.\n',
    );
  });

  it("several errors: the first, and how many more", async () => {
    const dir = project({ "schema.prisma": `${DATASOURCE}\nmodel A {\n  id Int @id\n  b Nope\n  c Nada\n}\n` });
    const run = await cli(dir, "--to", "schema.prisma");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^lockstep: schema\.prisma:8:5: invalid Prisma schema: Type "Nope" .* \(and 1 more\)\n$/,
    );
  });

  it("a Prisma 7 datasource (no url): read, and errors still at their own line", async () => {
    const dir = project({
      "ok.prisma": 'datasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id Int @id\n}\n',
      "bad.prisma": 'datasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id Int @id\n  b Nope\n}\n',
    });
    const ok = await plan({ to: "ok.prisma", cwd: dir, cacheDir: TEST_CACHE });
    expect(ok.changes.map((c) => [c.kind, c.table])).toEqual([["create_table", "A"]]);
    const run = await cli(dir, "--to", "bad.prisma");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lockstep: bad\.prisma:7:5: invalid Prisma schema: Type "Nope"/);
  });

  it("an error in one file of a schema folder names that file", async () => {
    const dir = project({
      "prisma/schema/main.prisma": DATASOURCE,
      "prisma/schema/post.prisma": "model Post {\n  id Int @id\n  author User\n}\n",
    });
    const run = await cli(dir, "--to", "prisma/schema");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lockstep: prisma\/schema\/post\.prisma:3:10: invalid Prisma schema: Type "User"/);
  });

  it("a provider other than PostgreSQL", async () => {
    const dir = project({
      "schema.prisma": 'datasource db {\n  provider = "mysql"\n  url = env("X")\n}\nmodel A {\n  id Int @id\n}\n',
    });
    const run = await cli(dir, "--to", "schema.prisma");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lockstep: schema\.prisma: the Prisma datasource provider is "mysql"; .*PostgreSQL/);
  });

  it("no datasource block", async () => {
    const dir = project({ "schema.prisma": "model A {\n  id Int @id\n}\n" });
    const run = await cli(dir, "--to", "schema.prisma");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("lockstep: schema.prisma: the Prisma schema has no datasource block\n");
  });
});

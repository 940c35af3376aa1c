/**
 * A Prisma project with `provider = "sqlite"`, as a user runs Lockstep in it: plan writes the
 * first migration and a second one, each file is what SQLite runs, and verify replays the folder
 * up, down and up again on the embedded SQLite with rows. The dialect comes from the provider.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support.js";
import { SQLITE3 } from "../helpers/sqlite-plan.js";

const MODELS = `
model User {
  id    Int     @id @default(autoincrement())
  email String  @unique
  name  String?
  posts Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
}
`;

function project(): string {
  const dir = tempDir("lockstep-prisma-sqlite-");
  mkdirSync(join(dir, "prisma"));
  writeFileSync(join(dir, "package.json"), '{ "name": "notes", "private": true }\n');
  writeFileSync(
    join(dir, "prisma/schema.prisma"),
    `datasource db {\n  provider = "sqlite"\n  url      = "file:./dev.db"\n}\n${MODELS}`,
  );
  return dir;
}

describe("a Prisma project with the sqlite provider", () => {
  it("plans and writes its migrations, which SQLite runs and verify replays up, down and up", async () => {
    const dir = project();
    const first = await runCli(["plan", "--name", "init"], dir);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Verdict: PASS$/m);
    const migrations = join(dir, "prisma/migrations");
    expect(readFileSync(join(migrations, "migration_lock.toml"), "utf8")).toMatch(/^provider = "sqlite"$/m);

    const schema = join(dir, "prisma/schema.prisma");
    writeFileSync(
      schema,
      readFileSync(schema, "utf8").replace("  name  String?\n", "  name  String?\n  bio   String?\n"),
    );
    const second = await runCli(["plan", "--name", "add_bio"], dir);
    expect(second.code).toBe(0);
    const folders = readdirSync(migrations)
      .filter((n) => n !== "migration_lock.toml")
      .sort();
    expect(folders).toHaveLength(2);
    const added = readFileSync(join(migrations, folders[1]!, "migration.sql"), "utf8");
    expect(added).toMatch(/^-- AlterTable\nALTER TABLE "User" ADD COLUMN bio TEXT;$/m);

    // Every file runs on the sqlite3 CLI as Prisma would apply it, the ups in order.
    const db = join(dir, "check.db");
    for (const f of folders)
      execFileSync(SQLITE3, ["-bail", db], { input: readFileSync(join(migrations, f, "migration.sql")) });
    expect(execFileSync(SQLITE3, [db, "SELECT name FROM pragma_table_info('User') ORDER BY cid"]).toString()).toBe(
      "id\nemail\nname\nbio\n",
    );

    const verified = await runCli(["verify", "prisma/migrations", "--dialect", "sqlite"], dir);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/add_bio\/migration\.sql {2}up ok, down ok, round trip equal/);
    expect(verified.stdout).toMatch(/^Verdict: PASS$/m);
  });

  it("reads the dialect from migration_lock.toml without --dialect; one given that contradicts it is exit 2", async () => {
    const dir = project();
    await runCli(["plan", "--name", "init"], dir);
    for (const command of ["verify", "lint"]) {
      const run = await runCli([command, "prisma/migrations"], dir);
      expect(run.stderr, command).toBe("");
      expect(run.code, command).toBe(0);
    }
    const contradicted = await runCli(["verify", "prisma/migrations", "--dialect", "postgres"], dir);
    expect(contradicted.code).toBe(2);
    expect(contradicted.stderr).toMatch(/migration_lock\.toml:3: provider "sqlite".*\(pass --dialect sqlite\)/);
  });
});

/**
 * `lockstep plan` in a Prisma project, end to end: the bundled examples/prisma-shop (copied to a
 * temporary folder), with the desired schema given as SQL until the schema.prisma reader is in
 * (project detection already names schema.prisma as the default `--to`: see src/frameworks/detect.ts). Every
 * migration written is then run up, down and up again by `lockstep verify`, as Prisma runs it
 * (a lone CONCURRENTLY file outside a transaction), on PGlite and on the server when
 * LOCKSTEP_TEST_PG_URL is set.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import type { PlanResult } from "../../src/plan/result.js";
import { detectProject } from "../../src/frameworks/detect.js";
import type { VerifyResult } from "../../src/commands/verify.js";
import { runCli, SERVER_URL, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

const EXAMPLE = resolve(import.meta.dirname, "../../examples/prisma-shop");
const MIGRATIONS = join("prisma", "migrations");

/** What the example's schema.prisma holds beyond its migrations, as Prisma would write it. */
const PENDING = `
ALTER TABLE "User" ADD COLUMN "avatarUrl" TEXT NOT NULL DEFAULT '';
CREATE INDEX "Order_userId_placedAt_idx" ON "Order"("userId", "placedAt");
`;

/** A copy of the example with `desired.sql`: its migrations replayed, plus `extra`. */
function shop(extra: string): string {
  const dir = tempDir("lockstep-prisma-shop-");
  cpSync(EXAMPLE, dir, { recursive: true });
  const history = migrationFolders(dir).map((f) => readFileSync(join(dir, MIGRATIONS, f, "migration.sql"), "utf8"));
  writeFileSync(join(dir, "desired.sql"), `${history.join("\n")}\n${extra}`);
  return dir;
}

function migrationFolders(dir: string): string[] {
  return readdirSync(join(dir, MIGRATIONS), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

const read = (dir: string, folder: string, file: string) => readFileSync(join(dir, MIGRATIONS, folder, file), "utf8");

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);
else console.info("LOCKSTEP_TEST_PG_URL is not set: the Prisma plans are not run on a PostgreSQL server");

describe("Prisma: detection, preview, --writer prisma and bad input", () => {
  it("is detected as a PostgreSQL Prisma project whose desired schema is prisma/schema.prisma", () => {
    const project = detectProject(EXAMPLE)!;
    expect(project).toMatchObject({
      framework: "prisma",
      dialect: "postgresql",
      format: "prisma",
      schemaFile: join(EXAMPLE, "prisma", "schema.prisma"),
      migrationsDir: join(EXAMPLE, MIGRATIONS),
    });
    expect(project.evidence[0]).toBe("Prisma schema prisma/schema.prisma (found by package.json prisma.schema)");
  });

  it("previews without --name: nothing written, the message says how to write", async () => {
    const dir = shop(PENDING);
    const run = await runCli(["plan", "--project", ".", "--to", "desired.sql", "--cache-dir", TEST_CACHE], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      [
        "Lockstep plan: prisma/migrations → desired.sql",
        "",
        "Project: prisma, postgresql",
        "  Prisma schema prisma/schema.prisma (found by package.json prisma.schema)",
        '  datasource provider "postgresql" in prisma/schema.prisma',
        "  migrations in prisma/migrations",
        "",
      ].join("\n"),
    );
    expect(run.stdout).toContain(
      "Preview: nothing written. Pass --name NAME to write the migration into prisma/migrations (prisma).",
    );
    expect(migrationFolders(dir)).toHaveLength(4);
  });

  it("--writer prisma writes Prisma folders anywhere, outside a project", async () => {
    const dir = tempDir("lockstep-prisma-writer-");
    writeFileSync(
      join(dir, "desired.sql"),
      "CREATE TYPE mood AS ENUM ('ok');\nCREATE TABLE t (id int PRIMARY KEY, m mood);\n",
    );
    const args = ["plan", "--to", "desired.sql", "--out", "out", "--writer", "prisma", "--name", "init"];
    const run = await runCli([...args, "--cache-dir", TEST_CACHE], dir);
    expect([run.stderr, run.code]).toEqual(["", 0]);
    const [folder, lock] = readdirSync(join(dir, "out")).sort();
    expect(lock).toBe("migration_lock.toml");
    expect(readFileSync(join(dir, "out", folder!, "migration.sql"), "utf8")).toMatch(
      /\n\n-- CreateEnum\nCREATE TYPE .*;\n\n-- CreateTable\nCREATE TABLE /,
    );
  });

  it("a migration_lock.toml for another provider is exit 2, naming the file and line", async () => {
    const dir = shop(PENDING);
    writeFileSync(join(dir, MIGRATIONS, "migration_lock.toml"), '# Please do not edit\n\nprovider = "mysql"\n');
    const run = await runCli(["plan", "--project", ".", "--to", "desired.sql", "--name", "x"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `lockstep: ${join(dir, MIGRATIONS, "migration_lock.toml")}:3: provider "mysql": Lockstep plans PostgreSQL migrations, this folder holds mysql ones\n`,
    );
    expect(run.stdout).toBe("");
    expect(migrationFolders(dir)).toHaveLength(4);
  });

  it("a schema.prisma for another database is exit 2, naming the schema", async () => {
    const dir = shop(PENDING);
    const schema = join(dir, "prisma", "schema.prisma");
    writeFileSync(schema, readFileSync(schema, "utf8").replace('provider = "postgresql"', 'provider = "mysql"'));
    const run = await runCli(["plan", "--name", "x"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `lockstep: ${join("prisma", "schema.prisma")}: provider "mysql": Lockstep plans PostgreSQL migrations\n`,
    );
  });
});

describe.each(engines)("plan in a Prisma project, migrations run on %s", (_name, engineArgs) => {
  const plan = async (dir: string, ...args: string[]) => {
    const run = await runCli(
      [
        "plan",
        "--project",
        ".",
        "--to",
        "desired.sql",
        "--format",
        "json",
        "--cache-dir",
        TEST_CACHE,
        ...engineArgs,
        ...args,
      ],
      dir,
    );
    expect(run.stderr).toBe("");
    return { code: run.code, result: JSON.parse(run.stdout) as PlanResult };
  };
  const verify = async (dir: string, last: number) => {
    const args = ["verify", MIGRATIONS, "--last", String(last), "--format", "json", "--cache-dir", TEST_CACHE];
    const run = await runCli([...args, ...engineArgs], dir);
    expect(run.stderr).toBe("");
    return { code: run.code, result: JSON.parse(run.stdout) as VerifyResult };
  };

  it("writes a CONCURRENTLY index in a folder of its own; both run up and down; a second plan finds nothing to do", async () => {
    const dir = shop(PENDING);
    const { code, result } = await plan(dir, "--name", "add_avatar");
    expect([code, result.verdict]).toEqual([0, "PASS"]);
    expect(result.project?.framework).toBe("prisma");
    const added = migrationFolders(dir).slice(4);
    expect(added.map((f) => f.replace(/^\d{14}_/, ""))).toEqual(["add_avatar_1", "add_avatar_2"]);
    // Named from the current folder (the project), as every path Lockstep prints.
    expect(result.files).toEqual(
      added.flatMap((f) => [join(MIGRATIONS, f, "migration.sql"), join(MIGRATIONS, f, "down.sql")]),
    );

    const schema = read(dir, added[0]!, "migration.sql");
    expect(schema).toContain("-- Prisma runs this file in one transaction.\n");
    expect(schema).toContain('\n\n-- AlterTable\nALTER TABLE "User" ADD COLUMN "avatarUrl" text DEFAULT');
    const index = read(dir, added[1]!, "migration.sql");
    expect(index).toContain("-- Runs outside a transaction: Prisma sends a file of one statement on its own");
    expect(
      index.endsWith(
        '\n\n-- CreateIndex\nCREATE INDEX CONCURRENTLY "Order_userId_placedAt_idx" ON "Order" ("userId", "placedAt");\n',
      ),
    ).toBe(true);
    expect(read(dir, added[1]!, "down.sql")).toContain(
      '\n\n-- DropIndex\nDROP INDEX CONCURRENTLY IF EXISTS "Order_userId_placedAt_idx";\n',
    );

    const verified = await verify(dir, 2);
    expect(verified.result.migrations.map((m) => [m.up, m.down, m.roundTrip])).toEqual([
      ["ok", "ok", "equal"],
      ["ok", "ok", "equal"],
    ]);
    expect(verified.code).toBe(0);

    const again = await plan(dir, "--name", "again");
    expect([again.result.changes, again.result.files]).toEqual([[], []]);
  });

  it("starts the migrations folder beside a schema.prisma in Prisma format, with migration_lock.toml", async () => {
    const dir = tempDir("lockstep-prisma-new-");
    cpSync(join(EXAMPLE, "prisma", "schema.prisma"), join(dir, "schema.prisma"));
    writeFileSync(
      join(dir, "desired.sql"),
      'CREATE TABLE "User" ("id" SERIAL NOT NULL PRIMARY KEY, "email" TEXT NOT NULL);\n',
    );
    const run = await runCli(
      [
        "plan",
        "--to",
        "desired.sql",
        "--out",
        "migrations",
        "--name",
        "init",
        "--cache-dir",
        TEST_CACHE,
        ...engineArgs,
      ],
      dir,
    );
    expect([run.stderr, run.code]).toEqual(["", 0]);
    expect(readFileSync(join(dir, "migrations", "migration_lock.toml"), "utf8")).toBe(
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
    const [folder, ...more] = readdirSync(join(dir, "migrations")).filter((f) => f !== "migration_lock.toml");
    expect(more).toEqual([]);
    expect(folder).toMatch(/^\d{14}_init$/);
    expect(readFileSync(join(dir, "migrations", folder!, "migration.sql"), "utf8")).toContain(
      '-- CreateTable\nCREATE TABLE "User"',
    );
    expect(readFileSync(join(dir, "migrations", folder!, "down.sql"), "utf8")).toContain(
      `run npx prisma db execute --file migrations/${folder}/down.sql\n`,
    );
    const verified = await runCli(
      ["verify", "migrations", "--format", "json", "--cache-dir", TEST_CACHE, ...engineArgs],
      dir,
    );
    expect((JSON.parse(verified.stdout) as VerifyResult).migrations.map((m) => m.roundTrip)).toEqual(["equal"]);
  });

  it("splits a breaking change into expand, backfill and contract folders: one deploy written, the next by plan --next", async () => {
    const dir = shop(`${PENDING}ALTER TABLE "Product" ADD COLUMN "vendor" TEXT NOT NULL;\n`);
    const { code, result } = await plan(
      dir,
      "--name",
      "vendor",
      "--backfill",
      "Product.vendor='acme'",
      "--allow-breaking",
    );
    expect([code, result.verdict]).toEqual([0, "WARN"]);
    const phases = result.steps.map((s) => s.phase);
    expect(phases).toContain("backfill");
    const deploys = phases.filter((p, i) => i === 0 || p !== phases[i - 1]).length;
    expect(result.deploysRemaining).toBe(deploys - 1);
    const names = result.steps.map((s, i) => `vendor_${i + 1}${s.phase === "single" ? "" : `_${s.phase}`}`);
    const strip = (f: string) => f.replace(/^\d{14}_/, "");
    // Only the first deploy is in the folder; its last file says where the next one waits.
    const firstDeploy = phases.filter((p) => p === phases[0]).length;
    let added = migrationFolders(dir).slice(4);
    expect(added.map(strip)).toEqual(names.slice(0, firstDeploy));
    expect(read(dir, added.at(-1)!, "migration.sql")).toContain(`-- Deploy 1 of ${deploys} ends here.`);
    for (let d = 2; d <= deploys; d++) {
      const next = await runCli(["plan", "--next", "--format", "json", "--cache-dir", TEST_CACHE, ...engineArgs], dir);
      expect([next.stderr, next.code]).toEqual(["", 0]);
    }
    added = migrationFolders(dir).slice(4);
    expect(added.map(strip)).toEqual(names);
    // Each file that runs outside a transaction says so.
    result.steps.forEach((step, i) => {
      const up = read(dir, added[i]!, "migration.sql");
      if (!step.transactional) expect(up).toContain("-- Runs outside a transaction");
    });
    const backfill = result.steps.findIndex((s) => s.phase === "backfill");
    expect(read(dir, added[backfill]!, "migration.sql")).toContain("\n\n-- Backfill\n");

    const verified = await verify(dir, added.length);
    expect(verified.result.findings).toEqual([]);
    expect(verified.result.migrations.every((m) => m.roundTrip === "equal")).toBe(true);
    expect(verified.result.migrations).toHaveLength(added.length);
  });
});

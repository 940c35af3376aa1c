import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DownsResult } from "../../src/commands/downs.js";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import type { VerifyResult } from "../../src/commands/verify.js";
import { folderOf, runCli, SERVER_URL, TEST_CACHE, tempDir } from "../support.js";
import { migrationsOf, prismaProject, UPS } from "./fixtures.js";

afterAll(shutdownPglite);

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);
else it.skip("lockstep downs on the PostgreSQL server (LOCKSTEP_TEST_PG_URL is not set)", () => {});

/** Findings that say a round trip failed: none may remain once the downs are written. */
const ROUND_TRIP_FAILURES = new Set([
  "missing-down",
  "down-differs",
  "up-again-differs",
  "migration-fails",
  "down-loses-data",
]);

describe.each(engines)("lockstep downs on %s", (_name, engineArgs) => {
  const common = ["--cache-dir", TEST_CACHE, ...engineArgs];
  const downs = async (dir: string, ...args: string[]) => {
    const run = await runCli(["downs", dir, "--format", "json", ...common, ...args]);
    expect(run.stderr).toBe("");
    return { code: run.code, result: JSON.parse(run.stdout) as DownsResult };
  };
  /** `lockstep verify` on the folder: every round trip equal, no round-trip failure. */
  const verifyPasses = async (dir: string) => {
    const run = await runCli(["verify", dir, "--format", "json", ...common]);
    const result = JSON.parse(run.stdout) as VerifyResult;
    expect(result.migrations.map((m) => [m.down, m.roundTrip])).toEqual(result.migrations.map(() => ["ok", "equal"]));
    expect(result.findings.filter((f) => ROUND_TRIP_FAILURES.has(f.rule))).toEqual([]);
    return result;
  };

  it("a Prisma history of 3 migrations: downs written, verified, the dropped column's loss stated; verify then passes", async () => {
    const dir = migrationsOf(prismaProject());
    const preview = await downs(dir);
    expect(preview.result.downs.map((d) => d.status)).toEqual(["would-write", "would-write", "would-write"]);
    expect(existsSync(join(dir, "20250101000000_init", "down.sql"))).toBe(false);

    const { result, code } = await downs(dir, "--write");
    expect(code).toBe(0);
    expect(result.verdict).toBe("WARN");
    expect(result.downs.map((d) => [d.status, d.verified])).toEqual([
      ["written", true],
      ["written", true],
      ["written", true],
    ]);
    expect(result.downs[0]!.file).toMatch(/20250101000000_init[/\\]down\.sql$/);
    const [init, addName, dropLegacy] = [
      "20250101000000_init",
      "20250102000000_add_name",
      "20250103000000_drop_legacy",
    ].map((f) => readFileSync(join(dir, f, "down.sql"), "utf8"));
    expect(init).toContain('DROP TABLE "User";');
    expect(init).toMatch(
      /^-- Prisma has no down migrations: run npx prisma db execute --file .*20250101000000_init[/\\]down\.sql$/m,
    );
    expect(init).toMatch(
      /^-- and, after a failed deploy, npx prisma migrate resolve --rolled-back 20250101000000_init\.$/m,
    );
    expect(addName).toContain('ALTER TABLE "User" DROP COLUMN name;');
    expect(dropLegacy).toContain('ALTER TABLE "User" ADD COLUMN legacy text;');
    expect(dropLegacy).toMatch(/^-- DATA LOSS: the values of User\.legacy are not restored/m);
    expect(result.downs[2]!.dataLoss?.join(" ")).toContain("User.legacy");
    expect(result.downs[0]!.dataLoss).toBeUndefined();
    expect(result.downs[2]!.sql).toBe(dropLegacy);

    // Each written down runs on the engine: up, down, up again, seeded rows checked.
    await verifyPasses(dir);
    // Run again: every down exists now, nothing is written, nothing is lost.
    const again = await downs(dir, "--write");
    expect(again.result.downs.map((d) => d.status)).toEqual(["exists", "exists", "exists"]);
    expect(again.result.verdict).toBe("PASS");
  });

  it("the Prisma example's history without its down.sql files: all four written, and verify passes", async () => {
    const root = tempDir();
    cpSync(resolve(import.meta.dirname, "../../examples/prisma-shop/prisma"), join(root, "prisma"), {
      recursive: true,
    });
    const dir = migrationsOf(root);
    for (const folder of readdirSync(dir).filter((f) => !f.endsWith(".toml")))
      rmSync(join(dir, folder, "down.sql"), { force: true });
    const { result } = await downs(dir, "--write");
    expect(result.downs.map((d) => [d.status, d.verified])).toEqual([
      ["written", true],
      ["written", true],
      ["written", true],
      ["written", true],
    ]);
    // An enum value added: the down rebuilds the type (one DO block, in the step's transaction).
    expect(result.downs[3]!.sql).toContain(`CREATE TYPE "OrderStatus" AS ENUM (''PENDING'', ''PAID'', ''CANCELLED'')`);
    await verifyPasses(dir);
  });

  it("--strict: a down that loses data exits 1 (BLOCK); without it, 0", async () => {
    const dir = migrationsOf(prismaProject());
    const strict = await downs(dir, "--strict");
    expect(strict.code).toBe(1);
    expect(strict.result.verdict).toBe("BLOCK");
    const lossy = strict.result.findings.filter((f) => f.rule === "lossy-down");
    expect(lossy.map((f) => [f.severity, f.column_name])).toEqual([["error", "legacy"]]);
    const lenient = await downs(dir);
    expect(lenient.code).toBe(0);
    // Without the drop, nothing is lost: --strict passes.
    const [init, addName] = Object.entries((await import("./fixtures.js")).PRISMA_HISTORY);
    const safe = await downs(migrationsOf(prismaProject(Object.fromEntries([init!, addName!]))), "--strict");
    expect(safe.result.verdict).toBe("PASS");
    expect(safe.code).toBe(0);
  });

  it("an existing down.sql is never overwritten; the others are written", async () => {
    const dir = migrationsOf(prismaProject());
    const mine = '-- my own down\nALTER TABLE "User" DROP COLUMN "name";\n';
    writeFileSync(join(dir, "20250102000000_add_name", "down.sql"), mine);
    const { result } = await downs(dir, "--write");
    expect(result.downs.map((d) => d.status)).toEqual(["written", "exists", "written"]);
    expect(readFileSync(join(dir, "20250102000000_add_name", "down.sql"), "utf8")).toBe(mine);
  });

  it("finds the migrations folder of the project it runs in, or is given", async () => {
    const root = prismaProject();
    const here = await runCli(["downs", "--format", "json", ...common], root);
    expect(here.stderr).toBe("");
    const fromRoot = JSON.parse(here.stdout) as DownsResult;
    expect(fromRoot.format).toBe("prisma");
    expect(fromRoot.downs.map((d) => d.migration)).toEqual([
      join("prisma", "migrations", "20250101000000_init", "migration.sql"),
      join("prisma", "migrations", "20250102000000_add_name", "migration.sql"),
      join("prisma", "migrations", "20250103000000_drop_legacy", "migration.sql"),
    ]);
    const given = await downs(root);
    expect(given.result.downs).toHaveLength(3);
  });

  it("a folder holding no migration is exit 2 with a message, never a PASS", async () => {
    for (const dir of [tempDir(), folderOf({ "README.md": "# notes\n" })]) {
      const run = await runCli(["downs", dir, "--format", "json", ...common]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/no migration found/);
    }
    const missing = await runCli(["downs", join(tempDir(), "nope"), ...common]);
    expect(missing.code).toBe(2);
  });

  it("plain SQL: <name>.down.sql written beside each file; verify then passes", async () => {
    const dir = folderOf({ "0001_init.sql": UPS[0]!, "0002_add_name.sql": UPS[1]!, "0003_drop_legacy.sql": UPS[2]! });
    const { result } = await downs(dir, "--write");
    expect(result.downs.map((d) => d.status)).toEqual(["written", "written", "written"]);
    expect(readFileSync(join(dir, "0003_drop_legacy.down.sql"), "utf8")).toContain("ADD COLUMN legacy text");
    await verifyPasses(dir);
  });

  it("golang-migrate: <version>_<title>.down.sql written; verify then passes", async () => {
    const dir = folderOf({ "1_init.up.sql": UPS[0]!, "2_add_name.up.sql": UPS[1]!, "3_drop_legacy.up.sql": UPS[2]! });
    const { result } = await downs(dir, "--write");
    expect(result.downs.map((d) => [d.status, d.verified])).toEqual([
      ["written", true],
      ["written", true],
      ["written", true],
    ]);
    expect(readFileSync(join(dir, "2_add_name.down.sql"), "utf8")).toContain("DROP COLUMN name");
    await verifyPasses(dir);
  });

  it("diesel: a blank down.sql gets the down below its comments; Flyway: U<ver>__<desc>.sql", async () => {
    const blank = "-- This file should undo anything in `up.sql`\n";
    const diesel = folderOf({
      "2025-01-01-000000_init/up.sql": UPS[0]!,
      "2025-01-01-000000_init/down.sql": blank,
      "2025-01-02-000000_add_name/up.sql": UPS[1]!,
    });
    const d = await downs(diesel, "--write");
    expect(d.result.downs.map((x) => x.status)).toEqual(["written", "written"]);
    const initDown = readFileSync(join(diesel, "2025-01-01-000000_init", "down.sql"), "utf8");
    expect(initDown.startsWith(blank)).toBe(true);
    expect(initDown).toContain('DROP TABLE "User";');
    await verifyPasses(diesel);

    const flyway = folderOf({ "V1__init.sql": UPS[0]!, "V2__add_name.sql": UPS[1]! });
    const f = await downs(flyway, "--write");
    expect(f.result.downs.map((x) => x.file?.replace(/.*[/\\]/, ""))).toEqual(["U1__init.sql", "U2__add_name.sql"]);
    expect(readFileSync(join(flyway, "U2__add_name.sql"), "utf8")).toContain("DROP COLUMN name");
    await verifyPasses(flyway);
  });

  it("dbmate: the down is computed and verified but not written (its place is the migration's own file)", async () => {
    const text = `-- migrate:up\n${UPS[0]}\n-- migrate:down\n`;
    const dir = folderOf({ "20250101000000_init.sql": text });
    const { result, code } = await downs(dir, "--write");
    expect(result.downs[0]).toMatchObject({ status: "not-writable", verified: true });
    expect(result.downs[0]!.reason).toMatch(/never rewrites/);
    expect(result.downs[0]!.sql).toContain('DROP TABLE "User";');
    expect(readFileSync(join(dir, "20250101000000_init.sql"), "utf8")).toBe(text);
    expect(code).toBe(0);
    expect((await downs(dir, "--strict")).code).toBe(1);
  });

  it("a data-only migration gets no down: failed, with the reason; a migration marked irreversible is left alone", async () => {
    const dir = folderOf({
      "0001_init.sql": UPS[0]!,
      "0002_seed.sql": `INSERT INTO "User" (email) VALUES ('a@example.com');\n`,
      "0003_gone.sql": '-- lockstep: irreversible archived by the ops team\nALTER TABLE "User" DROP COLUMN "legacy";\n',
    });
    const { result, code } = await downs(dir, "--write");
    expect(result.downs.map((d) => d.status)).toEqual(["written", "failed", "irreversible"]);
    expect(result.downs[1]!.reason).toMatch(/sees no schema change in it \(a data-only migration/);
    expect(existsSync(join(dir, "0002_seed.down.sql"))).toBe(false);
    expect(result.findings.find((f) => f.rule === "missing-down")?.file).toMatch(/0002_seed\.sql$/);
    expect(code).toBe(0);
  });

  it("pretty output previews the files and ends with the summary", async () => {
    const dir = migrationsOf(prismaProject());
    const run = await runCli(["downs", dir, ...common]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^would write {2}.*20250101000000_init[/\\]down\.sql {2}\(verified: up, down, up\)$/m);
    expect(run.stdout).toContain('DROP TABLE "User";');
    expect(run.stdout).toMatch(/Summary\n {2}would write: 3 \(preview: pass --write\)\n {2}verified: 3/);
    expect(run.stdout).toMatch(/could not reverse: 1\n {4}.*drop_legacy.*: data loss: .*User\.legacy/);
    expect(existsSync(join(dir, "20250101000000_init", "down.sql"))).toBe(false);
  });
});

describe.each(engines)("how lockstep downs computes a down, on %s", (_name, engineArgs) => {
  const downs = async (files: Record<string, string>) => {
    const dir = folderOf(files);
    const run = await runCli(["downs", dir, "--write", "--format", "json", "--cache-dir", TEST_CACHE, ...engineArgs]);
    expect(run.stderr).toBe("");
    return { dir, result: JSON.parse(run.stdout) as DownsResult };
  };
  const INIT =
    "CREATE TABLE t (id int PRIMARY KEY, code text NOT NULL, note text);\nCREATE INDEX t_note_idx ON t (note);\n";

  it("a dropped NOT NULL column comes back with a filler default it then drops; its loss is stated", async () => {
    const { dir, result } = await downs({
      "0001_init.sql": INIT,
      "0002_drop.sql": "ALTER TABLE t DROP COLUMN code;\n",
    });
    expect(result.downs[1]).toMatchObject({ status: "written", verified: true });
    const down = readFileSync(join(dir, "0002_drop.down.sql"), "utf8");
    expect(down).toMatch(/ADD COLUMN code text NOT NULL DEFAULT ''/);
    expect(down).toMatch(/ALTER COLUMN code DROP DEFAULT/);
    expect(result.downs[1]!.dataLoss?.join(" ")).toContain("t.code");
  });

  it("index builds and drops come back without CONCURRENTLY: the down runs in one transaction", async () => {
    const { dir, result } = await downs({
      "0001_init.sql": INIT,
      "0002_index.sql":
        "-- lockstep: no-transaction (run outside a transaction)\nCREATE INDEX CONCURRENTLY t_code_idx ON t (code);\n",
      "0003_unindex.sql": "DROP INDEX t_note_idx;\n",
    });
    expect(result.downs.map((d) => [d.status, d.verified])).toEqual([
      ["written", true],
      ["written", true],
      ["written", true],
    ]);
    expect(readFileSync(join(dir, "0002_index.down.sql"), "utf8")).toMatch(/^DROP INDEX t_code_idx;$/m);
    expect(readFileSync(join(dir, "0003_unindex.down.sql"), "utf8")).toMatch(/^CREATE INDEX t_note_idx ON t/m);
    expect(result.verdict).toBe("PASS");
  });

  it("a down that fails its round trip is not written: the reason says what failed", async () => {
    const { dir, result } = await downs({
      "0001_init.sql":
        "CREATE TABLE a (id int PRIMARY KEY, name varchar(50));\nCREATE VIEW v AS SELECT id, name FROM a;\n",
      // Views are not in the schema model yet: the computed down narrows the column but cannot
      // bring the view back, so the up run again fails on DROP VIEW.
      "0002_widen.sql": "DROP VIEW v;\nALTER TABLE a ALTER COLUMN name TYPE varchar(100);\n",
    });
    expect(result.downs[1]).toMatchObject({ status: "failed", verified: false });
    expect(result.downs[1]!.reason).toMatch(/view "v" does not exist/);
    expect(existsSync(join(dir, "0002_widen.down.sql"))).toBe(false);
    expect(result.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["migration-fails", "missing-down"]));
  });

  it("a rename is never guessed: the down is not made, and the reason names the possible rename", async () => {
    const { dir, result } = await downs({
      "0001_init.sql": INIT,
      "0002_rename.sql": "ALTER TABLE t RENAME COLUMN note TO remark;\n",
    });
    expect(result.downs[1]).toMatchObject({ status: "failed", verified: false });
    expect(result.downs[1]!.reason).toMatch(/rename/);
    expect(existsSync(join(dir, "0002_rename.down.sql"))).toBe(false);
  });
});

describe("downs as a library", () => {
  it("returns the JSON contract's shape: verdict, format, downs, findings", async () => {
    const { downs } = await import("../../src/index.js");
    const dir = folderOf({ "0001_init.sql": UPS[0]! });
    const result = await downs({ dir, cacheDir: TEST_CACHE, ...(SERVER_URL ? { devUrl: SERVER_URL } : {}) });
    expect(Object.keys(result)).toEqual(["verdict", "format", "downs", "findings"]);
    expect(result).toMatchObject({ verdict: "PASS", format: "sql", findings: [] });
    expect(Object.keys(result.downs[0]!).sort()).toEqual(["file", "migration", "sql", "status", "verified"]);
    expect(result.downs[0]).toMatchObject({ status: "would-write", verified: true });
    expect(existsSync(join(dir, "0001_init.down.sql"))).toBe(false);
  });
});

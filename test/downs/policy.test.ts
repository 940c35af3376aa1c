import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { readers } from "../../src/frameworks/index.js";
import type { CheckResult } from "../../src/check/result.js";
import type { VerifyResult } from "../../src/commands/verify.js";
import { folderOf, runCli, SERVER_URL, TEST_CACHE } from "../support.js";
import { migrationsOf, PRISMA_HISTORY, PRISMA_SCHEMA, prismaProject } from "./fixtures.js";

afterAll(shutdownPglite);

describe("which formats have downs", () => {
  it("is a property of the format: every format but Prisma has downs", () => {
    const withDowns = Object.values(readers)
      .filter((r) => r.hasDowns)
      .map((r) => r.name)
      .sort();
    expect(withDowns).toEqual(["dbmate", "diesel", "flyway", "golang-migrate", "pop", "sql"]);
    expect(readers.prisma.hasDowns).toBe(false);
  });
});

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);
else it.skip("missing downs on the PostgreSQL server (LOCKSTEP_TEST_PG_URL is not set)", () => {});

describe.each(engines)("missing downs on %s", (_name, engineArgs) => {
  const common = ["--format", "json", "--cache-dir", TEST_CACHE, ...engineArgs];

  it("a stock Prisma project (no down.sql) is not BLOCKed by check: a missing down is a warning", async () => {
    // The first two migrations of the history (no drop: nothing else to block), and their model.
    const [init, addName] = Object.entries(PRISMA_HISTORY);
    const schema = PRISMA_SCHEMA.replace("name  String?", "name  String?\n  legacy String?");
    const root = prismaProject(Object.fromEntries([init!, addName!]), schema);
    const run = await runCli(["check", root, "--last", "2", ...common]);
    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout) as CheckResult;
    const missing = result.findings.filter((f) => f.rule === "missing-down");
    expect(missing).toHaveLength(2);
    expect(missing.every((f) => f.severity === "warning")).toBe(true);
    expect(missing[0]!.fix).toContain("lockstep downs");
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(result.verdict).not.toBe("BLOCK");
    expect(run.code).toBe(0);
  });

  it("verify on a Prisma folder without downs warns (exit 0); an empty down.sql is a missing down too", async () => {
    const root = prismaProject({
      "20250101000000_init": 'CREATE TABLE "T" ("id" INTEGER NOT NULL);\n',
      "20250102000000_more": 'ALTER TABLE "T" ADD COLUMN "x" TEXT;\n',
    });
    const { writeFileSync } = await import("node:fs");
    writeFileSync(`${migrationsOf(root)}/20250102000000_more/down.sql`, "-- nothing yet\n");
    const run = await runCli(["verify", migrationsOf(root), ...common]);
    const result = JSON.parse(run.stdout) as VerifyResult;
    expect(result.verdict).toBe("WARN");
    expect(run.code).toBe(0);
    expect(result.findings.filter((f) => f.rule === "missing-down").map((f) => f.severity)).toEqual([
      "warning",
      "warning",
    ]);
    const pretty = await runCli(["verify", migrationsOf(root), ...common.slice(2)]);
    expect(pretty.stdout).toMatch(/^warn {2}.*20250101000000_init[/\\]migration\.sql {2}up ok, down missing/m);
    expect(pretty.stdout).not.toMatch(/^FAIL/m);
    expect(pretty.stdout).toMatch(/Verdict: WARN/);
  });

  it.each([
    ["diesel", { "2025-01-01-000000_init/up.sql": "CREATE TABLE t (id int);\n" }],
    ["golang-migrate", { "1_init.up.sql": "CREATE TABLE t (id int);\n" }],
    ["flyway", { "V1__init.sql": "CREATE TABLE t (id int);\n" }],
    ["dbmate", { "20250101000000_init.sql": "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\n" }],
    ["plain SQL", { "0001_init.sql": "CREATE TABLE t (id int);\n" }],
  ])("where the format has downs (%s), a missing or empty down blocks", async (_format, files) => {
    const run = await runCli(["verify", folderOf(files), ...common]);
    const result = JSON.parse(run.stdout) as VerifyResult;
    expect(result.findings.find((f) => f.rule === "missing-down")?.severity).toBe("error");
    expect(result.verdict).toBe("BLOCK");
    expect(run.code).toBe(1);
  });

  it("a Flyway repeatable migration has no undo in Flyway: its missing down is a notice, not an error", async () => {
    const dir = folderOf({
      "V1__init.sql": "CREATE TABLE t (id int);\n",
      "U1__init.sql": "DROP TABLE t;\n",
      "R__view.sql": "CREATE OR REPLACE VIEW v AS SELECT id FROM t;\n",
    });
    const run = await runCli(["verify", dir, ...common]);
    const result = JSON.parse(run.stdout) as VerifyResult;
    const missing = result.findings.filter((f) => f.rule === "missing-down");
    expect(missing.map((f) => [f.severity, f.file])).toEqual([["info", expect.stringMatching(/R__view\.sql$/)]]);
    expect(result.verdict).toBe("PASS");
    expect(run.code).toBe(0);
  });

  it("a Prisma migration marked irreversible with a reason is a notice, not a warning", async () => {
    const root = prismaProject({
      "20250101000000_init":
        '-- lockstep: irreversible the old rows are archived elsewhere\nCREATE TABLE "T" ("id" INTEGER);\n',
    });
    const run = await runCli(["verify", migrationsOf(root), ...common]);
    const result = JSON.parse(run.stdout) as VerifyResult;
    expect(result.findings.map((f) => [f.rule, f.severity])).toContainEqual(["irreversible", "info"]);
    expect(result.findings.some((f) => f.rule === "missing-down")).toBe(false);
  });
});

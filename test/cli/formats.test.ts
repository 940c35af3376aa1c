import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { expectValidSarif } from "../helpers/sarif-schema.js";
import { runCli, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

/** A dbmate folder whose second migration has no down. */
function folder(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "db"));
  writeFileSync(
    join(dir, "db", "20260101000000_init.sql"),
    "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY, legacy text);\n\n-- migrate:down\nDROP TABLE users;\n",
  );
  writeFileSync(
    join(dir, "db", "20260101000001_drop.sql"),
    "-- migrate:up\nALTER TABLE users DROP COLUMN legacy;\n\n-- migrate:down\n",
  );
  writeFileSync(join(dir, "before.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, legacy text);\n");
  writeFileSync(join(dir, "after.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  return dir;
}

describe("every command speaks markdown, SARIF and GitHub annotations (DESIGN.md §5)", () => {
  const dir = folder();
  const cli = (...args: string[]) => runCli([...args, "--cache-dir", TEST_CACHE], dir);

  it("verify", async () => {
    const sarif = await cli("verify", "db", "--format", "sarif");
    expect(sarif.code).toBe(1);
    expectValidSarif(sarif.stdout);
    expect(sarif.stdout).toContain('"ruleId": "missing-down"');
    const github = await cli("verify", "db", "--format", "github");
    expect(github.stdout).toMatch(/^::error file=db\/20260101000001_drop\.sql,line=1,title=missing-down::/m);
    const markdown = await cli("verify", "db", "--format", "markdown");
    expect(markdown.stdout).toMatch(/^## Lockstep verify: BLOCK\n/);
  }, 120_000);

  it("plan", async () => {
    const github = await cli("plan", "--from", "before.sql", "--to", "after.sql", "--format", "github");
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/^::error title=drop-column::/m);
    expect(github.stdout.trimEnd().split("\n").pop()).toBe("Verdict: BLOCK");
    const sarif = await cli("plan", "--from", "before.sql", "--to", "after.sql", "--format", "sarif");
    expectValidSarif(sarif.stdout);
  }, 120_000);

  it("trace", async () => {
    const markdown = await cli("trace", "db", "--format", "markdown");
    expect(markdown.stderr).toBe("");
    expect(markdown.stdout).toMatch(/^## Lockstep trace: (WARN|PASS|BLOCK)\n/);
  }, 120_000);
});

/**
 * `check` knows the deploys a plan keeps in .lockstep/pending/: it reports each plan, plans the
 * drift after them (so a first deploy in review is not blocked for the changes still to come), and
 * warns when the migrations folder no longer builds what they expect.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/check/result.js";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { folderOf, runCli, SERVER_URL, TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);

const BEFORE = "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, age integer);\n";
const AFTER = "CREATE TABLE users (id bigint PRIMARY KEY, full_name text NOT NULL);\n";
const PENDING = ".lockstep/pending/rename_name";

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);

describe.each(engines)("check with pending deploys (%s)", (_e, dev) => {
  /** A plain-SQL project (migrations/, schema.sql) whose rename plan keeps deploys 2 and 3. */
  async function project(): Promise<string> {
    const dir = folderOf({ "schema.sql": BEFORE });
    const args = ["--cache-dir", TEST_CACHE, ...dev];
    expect(
      (await runCli(["plan", "--to", "schema.sql", "--out", "migrations", "--name", "init", ...args], dir)).code,
    ).toBe(0);
    writeFileSync(join(dir, "schema.sql"), AFTER);
    const planned = await runCli(
      ["plan", "--name", "rename_name", "--rename", "users.name=full_name", "--allow-breaking", ...args],
      dir,
    );
    expect(planned.code).toBe(0);
    return dir;
  }
  const check = async (dir: string) => {
    const run = await runCli(["check", ".", "--format", "json", "--cache-dir", TEST_CACHE, ...dev], dir);
    expect(run.stderr).toBe("");
    return { code: run.code, result: JSON.parse(run.stdout) as CheckResult };
  };

  it("reports the plan (info), plans the drift after it: PASS; without it the drift BLOCKs", async () => {
    const dir = await project();
    const { code, result } = await check(dir);
    expect(result.pending).toEqual([
      { name: "rename_name", dir: PENDING, deploys: 3, remaining: [2, 3], upToDate: true, changed: [] },
    ]);
    expect(result.findings.map((f) => [f.rule, f.severity])).toEqual([["pending-deploys", "info"]]);
    expect(result.findings[0]!.message).toMatch(
      /rename_name keeps deploys 2–3 of 3 in \.lockstep\/pending\/rename_name/,
    );
    expect(result.changes).toEqual([]);
    expect(result.verdict).toBe("PASS");
    expect(code).toBe(0);
    const pretty = (await runCli(["check", ".", "--cache-dir", TEST_CACHE, ...dev], dir)).stdout;
    expect(pretty).toContain(
      "Pending deploys: rename_name keeps deploys 2, 3 of 3 in .lockstep/pending/rename_name (next: lockstep plan --next, once deploy 1 is applied).",
    );

    // Run from elsewhere, check finds the pending plan at the project's root and names it from here.
    const outside = await runCli(["check", dir, "--format", "json", "--cache-dir", TEST_CACHE, ...dev]);
    const away = JSON.parse(outside.stdout) as CheckResult;
    expect(away.pending.map((p) => p.name)).toEqual(["rename_name"]);

    // The same folder with the pending plan gone: the drift holds its changes, breaking ones unconfirmed.
    rmSync(join(dir, ".lockstep"), { recursive: true });
    const without = await check(dir);
    expect(without.result.pending).toEqual([]);
    expect(without.result.breaking.map((c) => c.kind)).toContain("drop_column");
    expect(without.result.verdict).toBe("BLOCK");
  }, 240_000);

  it("warns when the migrations folder changed since the plan: plan --next would refuse", async () => {
    const dir = await project();
    writeFileSync(join(dir, "migrations", "0003_extra.sql"), "CREATE TABLE extra (id int);\n");
    writeFileSync(join(dir, "migrations", "0003_extra.down.sql"), "DROP TABLE extra;\n");
    const { result } = await check(dir);
    expect(result.pending[0]).toMatchObject({ upToDate: false, changed: ["table extra is new"] });
    const finding = result.findings.find((f) => f.rule === "pending-deploys")!;
    expect(finding.severity).toBe("warning");
    expect(finding.message).toMatch(/no longer builds the schema they expect \(table extra is new\)/);
    expect(result.verdict).not.toBe("PASS");
  }, 240_000);
});

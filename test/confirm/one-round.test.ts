/**
 * One round of questions: without a terminal, a plan that needs a rename, a backfill value and a
 * confirmation BLOCKs once, with one finding that lists every missing input and the command that
 * answers them all; that command (its placeholder filled) plans.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import type { Finding } from "../../src/schema/finding.js";
import { runCli, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

function project(): string {
  const dir = tempDir("lockstep-one-round-");
  writeFileSync(join(dir, "before.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
  writeFileSync(
    join(dir, "after.sql"),
    "CREATE TABLE users (id bigint PRIMARY KEY, full_name text, role text NOT NULL);\n",
  );
  return dir;
}

const plan = async (dir: string, ...args: string[]) => {
  const run = await runCli(
    ["plan", "--from", "before.sql", "--to", "after.sql", ...args, "--cache-dir", TEST_CACHE],
    dir,
  );
  return {
    ...run,
    json: args.includes("json")
      ? (JSON.parse(run.stdout) as { verdict: string; findings: Finding[]; missing?: { flags: string[] } })
      : undefined,
  };
};

describe("a rename plus a backfill, without a terminal", () => {
  it("one BLOCK names every missing input and the exact flags; running them plans (no second BLOCK)", async () => {
    const dir = project();
    const first = await plan(dir, "--format", "json");
    expect(first.code).toBe(1);
    const missing = first.json!.findings.filter((f) => f.rule === "missing-input");
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toMatch(/^the plan needs 3 answers: is users\.name renamed to full_name or role\?/);
    expect(missing[0]!.message).toContain("a value for the existing rows of users.role (text)");
    expect(missing[0]!.fix).toBe(
      "lockstep plan --from before.sql --to after.sql --format json --cache-dir " +
        `${TEST_CACHE} --rename users.name=full_name --backfill "users.role=<SQL expression>" --allow-breaking`,
    );
    expect(first.json!.missing!.flags).toEqual([
      "--rename users.name=full_name",
      '--backfill "users.role=<SQL expression>"',
      "--allow-breaking",
    ]);

    const second = await plan(
      dir,
      "--rename",
      "users.name=full_name",
      "--backfill",
      "users.role='member'",
      "--allow-breaking",
      "--format",
      "json",
    );
    expect(second.code).toBe(0);
    expect(second.json!.verdict).toBe("WARN");
    expect(second.json!.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(second.json!.missing).toBeUndefined();
  }, 120_000);

  it("after a partial answer, the BLOCK asks only for the rest, and the pretty output shows the command", async () => {
    const dir = project();
    const partial = await plan(dir, "--rename", "users.name=full_name");
    expect(partial.code).toBe(1);
    expect(partial.stdout).toContain(
      "fix: lockstep plan --from before.sql --to after.sql --rename users.name=full_name --cache-dir",
    );
    expect(partial.stdout).toMatch(/--backfill "users\.role=<SQL expression>" --allow-breaking\n/);
    expect(partial.stdout).not.toMatch(/--cache-dir \S+ --rename/);
  }, 120_000);

  it("a plan that needs nothing has no missing-input finding", async () => {
    const dir = project();
    writeFileSync(join(dir, "after.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text, bio text);\n");
    const run = await plan(dir, "--format", "json");
    expect(run.code).toBe(0);
    expect(run.json!.findings.map((f) => f.rule)).not.toContain("missing-input");
  }, 120_000);
});

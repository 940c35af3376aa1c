import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { folderOf, runCli, TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);

/** The current schema has a hand-written index; the model, before and after, never had it. */
const dir = () =>
  folderOf({
    "current.sql":
      "CREATE TABLE t (id int PRIMARY KEY, title text);\nCREATE INDEX t_title_brin ON t USING brin (title);\n",
    "baseline.sql": "CREATE TABLE t (id int PRIMARY KEY, title text);\n",
    "model.sql": "CREATE TABLE t (id int PRIMARY KEY, title text, slug text);\n",
  });
const plan = (cwd: string, ...flags: string[]) =>
  runCli(
    ["plan", "--from", "current.sql", "--to", "model.sql", "--cache-dir", TEST_CACHE, "--format", "json", ...flags],
    cwd,
  );

describe("plan --baseline / --no-baseline", () => {
  it("--baseline plans only the model's change and reports what it leaves; --no-baseline plans it all", async () => {
    const cwd = dir();
    const since = JSON.parse((await plan(cwd, "--baseline", "baseline.sql")).stdout);
    expect(since.changes.map((c: { kind: string }) => c.kind)).toEqual(["add_column"]);
    expect(since.findings).toContainEqual(
      expect.objectContaining({
        rule: "baseline-drift",
        severity: "info",
        message:
          "1 difference between the current schema and baseline.sql left as it is (the model did not change it): drop index t_title_brin on t",
      }),
    );
    for (const flags of [[], ["--baseline", "baseline.sql", "--no-baseline"]]) {
      const all = JSON.parse((await plan(cwd, ...flags)).stdout);
      expect(all.changes.map((c: { kind: string }) => c.kind).sort()).toEqual(["add_column", "drop_index"]);
      expect(all.findings.some((f: { rule: string }) => f.rule === "baseline-drift")).toBe(false);
    }
  });

  it("a baseline that does not parse is located, exit 2", async () => {
    const cwd = folderOf({ "current.sql": "", "model.sql": "", "bad.sql": "CREATE TABLE (;\n" });
    const run = await plan(cwd, "--baseline", "bad.sql");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lockstep: bad\.sql:1:\d+: /);
  });
});

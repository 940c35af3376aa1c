import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { expectValidSarif } from "../helpers/sarif-schema.js";
import { folderOf, runCli, TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);

/** A plan of three steps over two phases: an index built concurrently, a column dropped (confirmed). */
const dir = folderOf({
  "before.sql": "CREATE TABLE users (id bigint PRIMARY KEY, legacy text, email text);\n",
  "after.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nCREATE INDEX users_email ON users (email);\n",
});
const plan = (format: string) =>
  runCli(
    [
      "plan",
      "--from",
      "before.sql",
      "--to",
      "after.sql",
      "--allow-breaking",
      "--format",
      format,
      "--cache-dir",
      TEST_CACHE,
    ],
    dir,
  );

const INDEX = "CREATE INDEX CONCURRENTLY users_email ON users (email);";
const DROP = "ALTER TABLE users DROP COLUMN legacy;";

describe("plan carries the changes and the steps in every format", () => {
  it("json: changes and steps with their SQL both ways (the contract)", async () => {
    const run = await plan("json");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      changes: { kind: string }[];
      steps: { up: string[]; down: string[]; phase: string }[];
    };
    expect(json.changes.map((c) => c.kind).sort()).toEqual(["add_index", "drop_column"]);
    expect(json.steps.map((s) => s.phase)).toEqual(["expand", "contract"]);
    expect(json.steps[0]!.up).toEqual([INDEX.slice(0, -1)]);
  }, 120_000);

  it("markdown (the PR comment): changes table, steps with locks and fenced up and down, order, rollback, verdict", async () => {
    const run = await plan("markdown");
    expect(run.stderr).toBe("");
    const md = run.stdout;
    expect(md).toMatch(/^## Lockstep plan: WARN\n/);
    const titles = [...md.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual(["Changes", "Steps", "Deployment order", "Rollback", "Findings", "Verdict"]);
    expect(md).toContain("| BREAKING | drop\\_column | users.legacy |");
    expect(md).toContain("| RISKY | add\\_index | users users\\_email |");
    expect(md).toContain(`Up:\n\n\`\`\`sql\n${INDEX}\n\`\`\``);
    expect(md).toContain("Down:\n\n```sql\nDROP INDEX CONCURRENTLY IF EXISTS users_email;\n```");
    expect(md).toContain(`\`\`\`sql\nSET LOCAL lock_timeout = '2s';\n${DROP}\n\`\`\``);
    expect(md).toContain("- SHARE UPDATE EXCLUSIVE on users: CREATE INDEX CONCURRENTLY users\\_email ON users (email)");
    expect(md).toContain("- ACCESS EXCLUSIVE on users: ALTER TABLE users DROP COLUMN legacy");
    expect(md).toMatch(/### Deployment order\n\n1\. change\\_users\\_1\\_\S+ \\\[expand, outside a transaction\\\]: /);
    expect(md).toMatch(
      /### Rollback\n\nRun the downs in reverse order[^\n]*\n\n1\. change\\_users\\_2\\_contract's down: data loss/,
    );
    expect(md).toMatch(/### Verdict\n\nWARN: /);
  }, 120_000);

  it("github: the findings as annotations, the plan in a log group, the verdict last", async () => {
    const run = await plan("github");
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^::warning title=drop-column::dropping users\.legacy/);
    expect(lines).toContain("::group::Lockstep plan");
    expect(lines).toContain("::endgroup::");
    const group = lines.slice(lines.indexOf("::group::Lockstep plan") + 1, lines.indexOf("::endgroup::")).join("\n");
    expect(group).toContain(`    ${INDEX}`);
    expect(group).toContain(`    ${DROP}`);
    expect(group).toContain("Deployment order");
    expect(group).toContain("Rollback");
    expect(lines.at(-1)).toBe("Verdict: WARN");
  }, 120_000);

  it("sarif: valid, with the changes and steps (locks included) in the run's properties", async () => {
    const run = await plan("sarif");
    expectValidSarif(run.stdout);
    const log = JSON.parse(run.stdout) as {
      runs: { properties: { verdict: string; changes: unknown[]; steps: { up: string[]; locks: string[] }[] } }[];
    };
    const props = log.runs[0]!.properties;
    expect(props.verdict).toBe("WARN");
    expect(props.changes).toHaveLength(2);
    expect(props.steps.map((s) => s.locks)).toEqual([
      ["SHARE UPDATE EXCLUSIVE on users: CREATE INDEX CONCURRENTLY users_email ON users (email)"],
      ["ACCESS EXCLUSIVE on users: ALTER TABLE users DROP COLUMN legacy"],
    ]);
  }, 120_000);
});

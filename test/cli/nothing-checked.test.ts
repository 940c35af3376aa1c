import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { folderOf, runCli, TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);

const cli = (cwd: string, ...args: string[]) => runCli([...args, "--cache-dir", TEST_CACHE], cwd);

/** What every "no migration" message names: the file patterns of each format Lockstep reads. */
const LOOKED_FOR = [/migration\.sql \(Prisma\)/, /\.up\.sql and \.down\.sql \(golang-migrate\)/, /V<version>__/, /Pop/];

describe("nothing checked is never PASS", () => {
  const project = folderOf({
    "empty/.keep": "",
    "readme/README.md": "# migrations go here\n",
    "app/db/migrations/notes.txt": "not a migration\n",
  });

  it.each([
    ["lint", ["empty"]],
    ["verify", ["empty"]],
    ["trace", ["empty"]],
    ["lint", ["readme"]],
    ["verify", ["readme"]],
    ["trace", ["readme"]],
  ])("%s %s exits 2 and says what it looked for", async (command, args) => {
    const run = await cli(project, command, ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^lockstep: ${args[0]}: no migration found: `));
    for (const pattern of LOOKED_FOR) expect(run.stderr).toMatch(pattern);
    if (args[0] === "readme") expect(run.stderr).toContain("it holds 1 other entry (README.md)");
    else expect(run.stderr).toContain("it is empty");
  });

  it("lint of paths the configuration ignores exits 2", async () => {
    const dir = folderOf({
      "legacy/0001_old.sql": "DROP TABLE users;\n",
      "lockstep.config.json": '{ "ignore": ["legacy/"] }',
    });
    const run = await cli(dir, "lint", "legacy/0001_old.sql");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "lockstep: legacy/0001_old.sql: nothing to lint, every path is under the configuration's ignore (legacy/)\n",
    );
  });

  it("check on a folder holding no migration exits 2", async () => {
    const run = await cli(project, "check", "app", "--migrations", "db/migrations");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^lockstep: app\/db\/migrations: no migration found: it holds 1 other entry \(notes\.txt\)/,
    );
  });

  it("plan --from an empty folder is still the empty database", async () => {
    const dir = folderOf({ "migrations/.keep": "", "schema.sql": "CREATE TABLE t (id bigint PRIMARY KEY);\n" });
    const run = await cli(dir, "plan", "--from", "migrations", "--to", "schema.sql", "--format", "json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { changes: { kind: string }[] };
    expect(json.changes.map((c) => c.kind)).toEqual(["create_table"]);
  }, 120_000);
});

describe("files a format does not read are listed, never skipped silently", () => {
  const dir = folderOf({
    "db/000001_init.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n",
    "db/000001_init.down.sql": "DROP TABLE users;\n",
    "db/000002_users_email.sql": "ALTER TABLE users ADD COLUMN email text;\n",
    "db/README.md": "not SQL: not listed\n",
  });
  const unread = {
    rule: "unread-file",
    severity: "warning",
    file: "db/000002_users_email.sql",
    message: expect.stringMatching(/^not a name the golang-migrate format reads \(<version>_<title>\.up\.sql/),
  };

  it.each(["lint", "verify", "trace"])(
    "%s names the file as a warning",
    async (command) => {
      const run = await cli(dir, command, "db", "--format", "json");
      expect(run.stderr).toBe("");
      const json = JSON.parse(run.stdout) as { verdict: string; findings: { rule: string }[] };
      expect(json.findings.filter((f) => f.rule === "unread-file")).toEqual([unread]);
      expect(json.verdict).toBe("WARN");
    },
    120_000,
  );

  it("check lists it once", async () => {
    const run = await cli(dir, "check", ".", "--migrations", "db", "--format", "json");
    const json = JSON.parse(run.stdout) as { findings: { rule: string }[] };
    expect(json.findings.filter((f) => f.rule === "unread-file")).toEqual([unread]);
  }, 120_000);
});

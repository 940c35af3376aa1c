import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { runCli, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

const USERS = "CREATE TABLE users (\n  id bigint PRIMARY KEY,\n  email text NOT NULL\n);\n";

function files(sqls: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(sqls)) writeFileSync(join(dir, name), content);
  return dir;
}

const plan = (dir: string, ...args: string[]) => runCli(["plan", "--cache-dir", TEST_CACHE, ...args], dir);

describe("plan: bad input is a one-line located message, exit 2, nothing written", () => {
  it("a missing file", async () => {
    const dir = files({ "after.sql": USERS });
    const run = await plan(dir, "--from", "nope.sql", "--to", "after.sql", "--out", "out");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("lockstep: nope.sql: no such file or folder\n");
    expect(run.stdout).toBe("");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("SQL that does not parse: file, line and column", async () => {
    const dir = files({ "before.sql": USERS, "after.sql": `${USERS}-- next\nALTER TABLE users ADD COLUMN ;\n` });
    const run = await plan(dir, "--from", "before.sql", "--to", "after.sql", "--out", "out");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('lockstep: after.sql:6:30: syntax error at or near ";"\n');
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("SQL the engine rejects: the position of the error inside the statement", async () => {
    const dir = files({ "after.sql": `${USERS}\nCREATE TABLE tags (\n  id bigint,\n  label nosuchtype\n);\n` });
    const run = await plan(dir, "--to", "after.sql");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('lockstep: after.sql:8:9: type "nosuchtype" does not exist\n');
  });

  it("a line number in a migrations folder points into the right file", async () => {
    const dir = files({ "after.sql": USERS });
    const migrations = join(dir, "migrations");
    await import("node:fs").then((fs) => fs.mkdirSync(migrations));
    writeFileSync(join(migrations, "001_init.sql"), USERS);
    writeFileSync(join(migrations, "002_bad.sql"), "\n\nALTER TABLE userz ADD COLUMN name text;\n");
    const run = await plan(dir, "--from", "migrations", "--to", "after.sql");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/002_bad\.sql:3:\d+: relation "userz" does not exist/);
  });

  it("a binary file", async () => {
    const dir = files({ "after.sql": Buffer.from([0x43, 0x00, 0x01, 0x02]) });
    const run = await plan(dir, "--to", "after.sql");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("lockstep: after.sql:1: binary file (it holds a NUL byte)\n");
  });

  it("an unknown flag", async () => {
    const run = await plan(tempDir(), "--to", "x.sql", "--frobnicate");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--frobnicate'");
  });

  it("a missing required option", async () => {
    const run = await plan(tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--to <source>");
  });

  it("an unreachable --dev-url, without its password", async () => {
    const dir = files({ "after.sql": USERS });
    const run = await plan(dir, "--to", "after.sql", "--dev-url", "postgres://me:s3cret@127.0.0.1:1/db");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lockstep: cannot connect to postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/db: .+\n$/);
    expect(run.stderr).not.toContain("s3cret");
  });

  it("malformed --backfill, --rename and --postgres-version", async () => {
    const dir = files({ "before.sql": USERS, "after.sql": USERS });
    for (const args of [
      ["--backfill", "nonsense"],
      ["--rename", "users.nope=other"],
      ["--postgres-version", "fourteen"],
    ]) {
      const run = await plan(dir, "--from", "before.sql", "--to", "after.sql", ...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/^lockstep: .+\n$/);
    }
  });

  it("a blocked plan writes nothing", async () => {
    const dir = files({ "before.sql": USERS, "after.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n" });
    const run = await plan(dir, "--from", "before.sql", "--to", "after.sql", "--out", "out");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Verdict: BLOCK");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

describe("plan --out: files in each writer's format", () => {
  const after = `${USERS}CREATE INDEX users_email_idx ON users (email);\nALTER TABLE users ADD COLUMN name text;\n`;
  for (const writer of ["sql", "dbmate", "golang-migrate"]) {
    it(`${writer}: writes every step, and never overwrites`, async () => {
      const dir = files({ "before.sql": USERS, "after.sql": after });
      // The history's first migration, then the change, in the same folder: numbering continues.
      const base = await plan(dir, "--to", "before.sql", "--out", "out", "--writer", writer, "--name", "init");
      expect(base.code).toBe(0);
      const baseFiles = readdirSync(join(dir, "out")).length;
      const args = ["--from", "out", "--to", "after.sql", "--out", "out", "--writer", writer, "--name", "add_name"];
      const run = await plan(dir, ...args, "--format", "json");
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as { files: string[]; steps: unknown[] };
      expect(result.steps).toHaveLength(2);
      expect(result.files.length).toBeGreaterThanOrEqual(2);
      const written = readdirSync(join(dir, "out")).sort();
      expect(written.length).toBe(baseFiles + result.files.length);
      expect(written.slice(-result.files.length).every((f) => f.includes("add_name"))).toBe(true);
      // The same folder replays to the desired schema: planning again finds nothing to do.
      const again = await plan(dir, "--from", "out", "--to", "after.sql", "--format", "json");
      expect(again.stderr).toBe("");
      expect(JSON.parse(again.stdout).changes).toEqual([]);
    });
  }

  for (const writer of ["dbmate", "prisma"]) {
    it(`--with-docs (${writer}): a migration guide beside the files, with the traced lock impact; the folder still reads back`, async () => {
      const dir = files({ "before.sql": USERS, "after.sql": after });
      expect((await plan(dir, "--to", "before.sql", "--out", "out", "--writer", writer, "--name", "init")).code).toBe(
        0,
      );
      const args = ["--from", "out", "--to", "after.sql", "--out", "out", "--writer", writer, "--name", "add_name"];
      const run = await plan(dir, ...args, "--with-docs", "--format", "json");
      expect(run.stderr).toBe("");
      const result = JSON.parse(run.stdout) as { files: string[] };
      const guide = result.files.find((f) => f.endsWith("_add_name.guide.md"));
      // Named from the current folder (the test's project), as every path Lockstep prints.
      expect(guide).toMatch(/^out\/\d{14}_add_name\.guide\.md$/);
      const text = readFileSync(join(dir, guide!), "utf8");
      expect(text).toMatch(/^## Migration guide: add\\_name\n/);
      expect(text).toContain("### Expected lock impact");
      // The ADD COLUMN takes ACCESS EXCLUSIVE briefly; the index is built CONCURRENTLY, alone.
      expect(text).toContain(
        "| ALTER TABLE users ADD COLUMN name text | users: AccessExclusiveLock (blocks writes) | none |",
      );
      expect(text).toContain("CONCURRENTLY holds SHARE UPDATE EXCLUSIVE");
      expect(text).toContain("### Rollback plan");
      const again = await plan(dir, "--from", "out", "--to", "after.sql", "--format", "json");
      expect(again.stderr).toBe("");
      expect(JSON.parse(again.stdout).changes).toEqual([]);
    });
  }

  it("the JSON contract has the fields of DESIGN.md §5", async () => {
    const dir = files({ "before.sql": USERS, "after.sql": after });
    const run = await plan(dir, "--from", "before.sql", "--to", "after.sql", "--format", "json");
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result).sort()).toEqual([
      "changes",
      "deploys",
      "deploysRemaining",
      "files",
      "findings",
      "steps",
      "verdict",
    ]);
    expect([result.deploys, result.deploysRemaining]).toEqual([1, 0]);
    expect(Object.keys(result.steps[0]).sort()).toEqual(["deploy", "down", "name", "phase", "transactional", "up"]);
    expect(result.changes[0]).toEqual(
      expect.objectContaining({ kind: expect.any(String), risk: expect.any(String), reasons: expect.any(Array) }),
    );
  });
});

describe("plan: extensions", () => {
  it("loads the bundles a schema's CREATE EXTENSION names into the embedded engine", async () => {
    const schema =
      'CREATE EXTENSION IF NOT EXISTS citext;\nCREATE EXTENSION IF NOT EXISTS "uuid-ossp";\nCREATE TABLE users (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), email citext NOT NULL);\n';
    const dir = files({ "after.sql": schema });
    const run = await plan(dir, "--to", "after.sql", "--format", "json");
    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout);
    expect(result.changes.map((c: { kind: string }) => c.kind).sort()).toEqual(["create_table", "other", "other"]);
    expect(result.verdict).toBe("PASS");
  });

  it("an extension the embedded engine lacks is a located error", async () => {
    const dir = files({ "after.sql": "\nCREATE EXTENSION postgis;\n" });
    const run = await plan(dir, "--to", "after.sql");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lockstep: after\.sql:2:1: extension "postgis" is not available/);
  });
});

describe("plan: possible renames of tables", () => {
  const before = "CREATE TABLE users (id int PRIMARY KEY, email text);\n";
  const after = "CREATE TABLE accounts (id int PRIMARY KEY, email text);\n";

  it("block until decided, and --not-renamed decides it is a drop and a create", async () => {
    const dir = files({ "before.sql": before, "after.sql": after });
    const blocked = await plan(
      dir,
      "--from",
      "before.sql",
      "--to",
      "after.sql",
      "--allow-breaking",
      "--format",
      "json",
    );
    expect(JSON.parse(blocked.stdout).findings.map((f: { rule: string }) => f.rule)).toContain("possible-rename");
    expect(blocked.code).toBe(1);
    const decided = await plan(
      dir,
      "--from",
      "before.sql",
      "--to",
      "after.sql",
      "--allow-breaking",
      "--not-renamed",
      "users=accounts",
      "--format",
      "json",
    );
    expect(decided.stderr).toBe("");
    const result = JSON.parse(decided.stdout);
    expect(result.findings.map((f: { rule: string }) => f.rule)).not.toContain("possible-rename");
    expect(result.changes.map((c: { kind: string }) => c.kind).sort()).toEqual(["create_table", "drop_table"]);
    expect(result.verdict).toBe("WARN");
  });

  it("--rename makes it a rename with a compatibility view", async () => {
    const dir = files({ "before.sql": before, "after.sql": after });
    const run = await plan(
      dir,
      "--from",
      "before.sql",
      "--to",
      "after.sql",
      "--allow-breaking",
      "--rename",
      "users=accounts",
      "--format",
      "json",
    );
    const result = JSON.parse(run.stdout);
    expect(result.changes.map((c: { kind: string }) => c.kind)).toContain("rename_table");
    expect(result.steps.flatMap((s: { up: string[] }) => s.up).join("\n")).toContain(
      "CREATE VIEW users AS SELECT * FROM accounts",
    );
    expect(result.verdict).toBe("WARN");
  });
});

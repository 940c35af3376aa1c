import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { folderOf, runCli, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

const lint = (dir: string, ...args: string[]) => runCli(["lint", "--cache-dir", TEST_CACHE, ...args], dir);

const folder = folderOf;

describe("lint: malformed input is a located message and exit 2, never a crash or a hang", () => {
  it.each([
    [
      "SQL that does not parse",
      "m.sql",
      "SELECT 1;\nALTER TABLE users ADD COLUMN ;\n",
      /^lockstep: m\.sql:2:30: syntax error at or near ";"\n$/,
    ],
    ["a binary file", "m.sql", Buffer.from([0x41, 0x00, 0x42]), /^lockstep: m\.sql:1: binary file/],
    ["an empty file", "m.sql", "", /^lockstep: m\.sql:1:1: empty file/],
    ["a file of comments only", "m.sql", "-- nothing yet\n", /^lockstep: m\.sql:1:1: empty file/],
  ])("%s", async (_label, name, content, message) => {
    const run = await lint(folder({ [name]: content }), name);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });

  it("a 50 MB file is refused by its size, before it is parsed", async () => {
    const dir = folder({ "big.sql": "SELECT 1;\n".repeat(5_300_000) });
    const run = await lint(dir, "big.sql");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lockstep: big\.sql:1:1: too large to be a migration \(51 MB; the limit is 10 MB\)\n$/);
  });

  it("a missing file", async () => {
    const run = await lint(tempDir(), "nope.sql");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("lockstep: nope.sql: no such file or folder\n");
  });

  it("a --schema that does not parse points into the schema file", async () => {
    const dir = folder({ "m.sql": "SELECT 1;\n", "schema.sql": "CREATE TABLE (;\n" });
    const run = await lint(dir, "m.sql", "--schema", "schema.sql");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lockstep: schema\.sql:1:\d+: syntax error/);
  });
});

describe("lint: formats and output", () => {
  it("reads a dbmate file's up section with its own line numbers", async () => {
    const dir = folder({
      "20260101000000_idx.sql":
        "-- migrate:up\n\nCREATE INDEX users_email_idx ON users (email);\n\n-- migrate:down\nDROP INDEX users_email_idx;\n",
    });
    const run = await lint(dir, "20260101000000_idx.sql", "--format", "json");
    const result = JSON.parse(run.stdout);
    expect(result.findings).toContainEqual(
      expect.objectContaining({ rule: "require-concurrent-index", line: 3, column: 1 }),
    );
  });

  it("reads a node-pg-migrate SQL file's up section with its own line numbers", async () => {
    const dir = folder({
      "1700000000000_idx.sql":
        "-- Up Migration\n\nCREATE INDEX users_email_idx ON users (email);\n\n-- Down Migration\nDROP INDEX users_email_idx;\n",
    });
    const run = await lint(dir, "1700000000000_idx.sql", "--format", "json");
    const rules = JSON.parse(run.stdout).findings.map((f: { rule: string; line: number }) => `${f.rule}@${f.line}`);
    expect(rules).toContain("require-concurrent-index@3");
    expect(rules).not.toContain("require-concurrent-index-drop@6");
  });

  it("a dbmate section marked transaction:false may hold CONCURRENTLY", async () => {
    const dir = folder({
      "20260101000000_idx.sql":
        "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n\n-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY users_email_idx;\n",
    });
    const run = await lint(dir, "20260101000000_idx.sql", "--format", "json");
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(run.code).toBe(0);
  });

  it("one file of a plain SQL folder is read alone, with its no-transaction marker; a down file as plain SQL", async () => {
    const dir = folder({
      "0001_users.sql": "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
      "0002_idx.sql":
        "-- lockstep: no-transaction (run outside a transaction)\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n",
      "0002_idx.down.sql": "DROP INDEX CONCURRENTLY users_email_idx;\n",
      // Never read: linting one file leaves the others alone.
      "0003_broken.sql": "CREATE TABLE (;\n",
    });
    const up = await lint(dir, "0002_idx.sql", "--format", "json");
    expect(JSON.parse(up.stdout).findings).toEqual([]);
    expect(up.code).toBe(0);
    const down = await lint(dir, "0002_idx.down.sql", "--format", "json");
    expect(JSON.parse(down.stdout).findings.map((f: { rule: string }) => f.rule)).toContain(
      "concurrently-in-transaction",
    );
  });

  it("configuration severities turn rules off and raise others", async () => {
    const dir = folder({
      "m.sql": "CREATE INDEX users_email_idx ON users (email);\n",
      "lockstep.config.json": JSON.stringify({
        rules: { "require-concurrent-index": "off", "require-lock-timeout": "error" },
      }),
    });
    const run = await lint(dir, "m.sql", "--format", "json");
    const result = JSON.parse(run.stdout);
    expect(result.findings.map((f: { rule: string; severity: string }) => `${f.rule}/${f.severity}`)).toEqual([
      "require-lock-timeout/error",
    ]);
    expect(result.verdict).toBe("BLOCK");
    expect(run.code).toBe(1);
  });
});

describe("lint --schema", () => {
  it("judges a type change on the real column type, the same with the schema cache warm", async () => {
    const dir = folder({
      "schema.sql": "CREATE TABLE users (id bigint PRIMARY KEY, note varchar(50), score integer);\n",
      "m.sql":
        "ALTER TABLE users ALTER COLUMN note TYPE varchar(200);\nALTER TABLE users ALTER COLUMN score TYPE smallint;\n",
    });
    const cache = tempDir();
    for (let run = 0; run < 2; run++) {
      const out = await runCli(
        ["lint", "m.sql", "--schema", "schema.sql", "--format", "json", "--cache-dir", cache],
        dir,
      );
      const rules = JSON.parse(out.stdout).findings.map((f: { rule: string; line: number }) => `${f.rule}@${f.line}`);
      expect(rules).toContain("narrowing-type-change@2");
      expect(rules.filter((r: string) => r.endsWith("@1") && /type-change/.test(r))).toEqual([]);
    }
  });

  it("a dbmate migration as --schema: its up builds the schema, its down is not run", async () => {
    const dir = folder({
      "20240101000000_users.sql": [
        "-- migrate:up",
        "CREATE TABLE users (id bigint PRIMARY KEY, note varchar(50), score integer);",
        "",
        "-- migrate:down",
        "DROP TABLE users;",
        "",
      ].join("\n"),
      "m.sql":
        "ALTER TABLE users ALTER COLUMN note TYPE varchar(200);\nALTER TABLE users ALTER COLUMN score TYPE smallint;\n",
    });
    const out = await lint(dir, "m.sql", "--schema", "20240101000000_users.sql", "--format", "json");
    expect(out.stderr).toBe("");
    const rules = JSON.parse(out.stdout).findings.map((f: { rule: string; line: number }) => `${f.rule}@${f.line}`);
    // Known only from the table the up created: the down would have left no users table.
    expect(rules).toContain("narrowing-type-change@2");
    expect(rules.filter((r: string) => r.endsWith("@1") && /type-change/.test(r))).toEqual([]);
  });
});

describe("lint: the source line shown under a finding", () => {
  it("is the statement's own line in a dbmate file, whose up starts below `-- migrate:up`", async () => {
    const dir = folder({
      "db/migrations/20260101000000_drop.sql":
        "-- migrate:up\n\nALTER TABLE products DROP COLUMN price;\n\n-- migrate:down\nALTER TABLE products ADD COLUMN price numeric;\n",
    });
    const run = await lint(dir, "db/migrations/20260101000000_drop.sql", "--no-color");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(" 3 | ALTER TABLE products DROP COLUMN price;\n");
  });
});

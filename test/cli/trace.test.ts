import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import type { TraceResult } from "../../src/commands/trace.js";
import { runCli, SERVER_URL, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

function history(files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(join(dir, "migrations"));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, "migrations", name), sql);
  return dir;
}

const INIT =
  "CREATE TABLE users (id int PRIMARY KEY, score int, name text);\nINSERT INTO users SELECT g, g, 'n' || g FROM generate_series(1, 50) g;\n";

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);

describe.each(engines)("trace on %s", (_name, engineArgs) => {
  const traceJson = async (dir: string, ...args: string[]) => {
    const run = await runCli(
      ["trace", "migrations", "--format", "json", "--cache-dir", TEST_CACHE, ...engineArgs, ...args],
      dir,
    );
    expect(run.stderr).toBe("");
    return { code: run.code, result: JSON.parse(run.stdout) as TraceResult };
  };

  it("records the locks and the rewrite of a type change, and the missing lock_timeout", async () => {
    const dir = history({
      "001_init.sql": INIT,
      "002_type.sql": "ALTER TABLE users ALTER COLUMN score TYPE bigint;\n",
    });
    const { result } = await traceJson(dir);
    expect(result.statements).toHaveLength(1);
    const [s] = result.statements;
    expect(s!.file).toBe(join("migrations", "002_type.sql"));
    expect(s!.locks).toContainEqual({ relation: "users", mode: "AccessExclusiveLock" });
    expect(s!.rewrites).toEqual(["users"]);
    expect(result.findings.map((f) => f.rule).sort()).toEqual(["require-lock-timeout", "type-change-rewrite"]);
    expect(result.verdict).toBe("WARN");
  });

  it("a lock_timeout set first, and a column added without a rewrite, give no finding", async () => {
    const dir = history({
      "001_init.sql": INIT,
      "002_add.sql":
        "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;\nALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;\n",
    });
    const { result, code } = await traceJson(dir);
    expect(result.statements.map((s) => s.line)).toEqual([1, 2, 3]);
    expect(result.statements[1]!.locks).toContainEqual({ relation: "users", mode: "AccessExclusiveLock" });
    expect(result.statements.every((s) => s.rewrites.length === 0)).toBe(true);
    expect(result.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it("a table created in the traced migration is not a hazard", async () => {
    const dir = history({
      "001_init.sql": INIT,
      "002_new.sql": "CREATE TABLE tags (id int PRIMARY KEY);\nALTER TABLE tags ADD COLUMN label text NOT NULL;\n",
    });
    const { result } = await traceJson(dir);
    expect(result.findings).toEqual([]);
    expect(result.statements[0]!.locks).toContainEqual({ relation: "tags", mode: "AccessExclusiveLock" });
  });

  it("CONCURRENTLY runs alone, outside a transaction, taking no blocking lock", async () => {
    const dir = history({
      "001_init.up.sql": INIT,
      "001_init.down.sql": "DROP TABLE users;",
      "002_idx.up.sql": "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n",
      "002_idx.down.sql": "DROP INDEX CONCURRENTLY users_name_idx;\n",
    });
    const { result } = await traceJson(dir);
    expect(result.statements).toHaveLength(1);
    expect(result.findings).toEqual([]);
  });

  it("--last all traces every migration", async () => {
    const dir = history({ "001_init.sql": INIT, "002_add.sql": "ALTER TABLE users ADD COLUMN bio text;\n" });
    const { result } = await traceJson(dir, "--last", "all");
    expect(result.statements.map((s) => s.file)).toEqual([
      join("migrations", "001_init.sql"),
      join("migrations", "001_init.sql"),
      join("migrations", "002_add.sql"),
    ]);
  });
});

describe("trace: bad input", () => {
  it("a statement the engine rejects is located, exit 2", async () => {
    const dir = history({ "001_init.sql": INIT, "002_bad.sql": "\nALTER TABLE nope ADD COLUMN x int;\n" });
    const run = await runCli(["trace", "migrations", "--cache-dir", TEST_CACHE], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lockstep: migrations\/002_bad\.sql:2:1: relation "nope" does not exist\n$/);
  });
});

describe.skipIf(!SERVER_URL)("trace --keep", () => {
  it("leaves the traced database on the server, named in the result", async () => {
    const dir = history({ "001_init.sql": INIT, "002_add.sql": "ALTER TABLE users ADD COLUMN bio text;\n" });
    const run = await runCli(["trace", "migrations", "--format", "json", "--dev-url", SERVER_URL!, "--keep"], dir);
    const result = JSON.parse(run.stdout) as TraceResult;
    expect(result.keptDatabase).toMatch(/^lockstep_tmp_/);
    const { default: pg } = await import("pg");
    const url = new URL(SERVER_URL!);
    url.pathname = `/${result.keptDatabase}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const cols = await client.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY 1",
    );
    await client.end();
    expect(cols.rows.map((r: { column_name: string }) => r.column_name)).toEqual(["bio", "id", "name", "score"]);
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE ${result.keptDatabase}`);
    await admin.end();
  });
});

describe("trace --keep without a server", () => {
  it("is a usage error: the embedded database lives in memory", async () => {
    const dir = history({ "001_init.sql": INIT });
    const run = await runCli(["trace", "migrations", "--keep", "--cache-dir", TEST_CACHE], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--keep needs --dev-url/);
  });
});

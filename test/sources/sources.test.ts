import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { plan } from "../../src/commands/plan.js";
import { SERVER_URL, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

const V1 = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n";
const V2 = `${V1}ALTER TABLE users ADD COLUMN name text;\n`;

describe("sources", () => {
  it("git:REF:PATH reads a file and a folder at a revision", async () => {
    const repo = tempDir();
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe" });
    git("init", "-q");
    git("config", "user.email", "t@example.com");
    git("config", "user.name", "t");
    mkdirSync(join(repo, "db/migrations"), { recursive: true });
    writeFileSync(join(repo, "db/schema.sql"), V1);
    writeFileSync(join(repo, "db/migrations/001_init.sql"), V1);
    git("add", ".");
    git("commit", "-qm", "v1");
    writeFileSync(join(repo, "db/schema.sql"), V2);
    const result = await plan({ from: "git:HEAD:db/schema.sql", to: "db/schema.sql", cwd: repo, cacheDir: TEST_CACHE });
    expect(result.changes.map((c) => [c.kind, c.column])).toEqual([["add_column", "name"]]);
    const folder = await plan({ from: "git:HEAD:db/migrations", to: "db/schema.sql", cwd: repo, cacheDir: TEST_CACHE });
    expect(folder.changes.map((c) => c.kind)).toEqual(["add_column"]);
    await expect(plan({ from: "git:HEAD:nope.sql", to: "db/schema.sql", cwd: repo })).rejects.toThrow(
      /git:HEAD:nope.sql: git: /,
    );
  });

  it("a cached history gives the same plan as a fresh replay", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "migrations"));
    for (let i = 0; i < 5; i++)
      writeFileSync(join(dir, "migrations", `00${i}_t.sql`), `CREATE TABLE t${i} (id int PRIMARY KEY);\n`);
    writeFileSync(
      join(dir, "schema.sql"),
      [0, 1, 2, 3, 4].map((i) => `CREATE TABLE t${i} (id int PRIMARY KEY, v text);`).join("\n"),
    );
    const cacheDir = tempDir();
    const uncached = await plan({ from: "migrations", to: "schema.sql", cwd: dir });
    const first = await plan({ from: "migrations", to: "schema.sql", cwd: dir, cacheDir });
    const second = await plan({ from: "migrations", to: "schema.sql", cwd: dir, cacheDir });
    for (const r of [first, second]) {
      expect(r.steps).toEqual(uncached.steps);
      expect(r.verdict).toBe("PASS");
    }
  });
});

describe.skipIf(!SERVER_URL)("a database URL as a source", () => {
  it("is read, never written", async () => {
    const name = `lockstep_src_${process.pid}`;
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(SERVER_URL!);
    url.pathname = `/${name}`;
    const target = new pg.Client({ connectionString: url.toString() });
    await target.connect();
    await target.query(V1);
    try {
      const dir = tempDir();
      writeFileSync(join(dir, "schema.sql"), V1);
      const same = await plan({ from: url.toString(), to: "schema.sql", cwd: dir, cacheDir: TEST_CACHE });
      expect(same.changes).toEqual([]);
      // A change against it is planned and self-checked on a copy rebuilt from its catalog.
      writeFileSync(join(dir, "schema.sql"), V2);
      const changed = await plan({ from: url.toString(), to: "schema.sql", cwd: dir, cacheDir: TEST_CACHE });
      expect(changed.changes.map((c) => c.kind)).toEqual(["add_column"]);
      expect(changed.findings).toEqual([]);
      expect(changed.verdict).toBe("PASS");
      const tables = await target.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      expect(tables.rows[0].n).toBe(1);
    } finally {
      await target.end();
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    }
  });
});

describe("the replay cache with objects the model does not describe", () => {
  it("a history with a view is replayed (or restored), never rebuilt from the model", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "migrations"));
    writeFileSync(join(dir, "migrations", "001_t.sql"), "CREATE TABLE t (id int PRIMARY KEY, v text);\n");
    writeFileSync(join(dir, "migrations", "002_view.sql"), "CREATE VIEW t_v AS SELECT id, v FROM t;\n");
    // Dropping a column a view uses fails on the real history: the self-check must see that.
    writeFileSync(join(dir, "schema.sql"), "CREATE TABLE t (id int PRIMARY KEY);\n");
    const cacheDir = tempDir();
    for (let i = 0; i < 2; i++) {
      const r = await plan({ from: "migrations", to: "schema.sql", cwd: dir, cacheDir, allowBreaking: true });
      expect(r.findings.map((f) => f.rule)).toContain("self-check");
      expect(r.findings.find((f) => f.rule === "self-check")?.message).toMatch(/depends on|t_v/);
      expect(r.verdict).toBe("BLOCK");
    }
  });
});

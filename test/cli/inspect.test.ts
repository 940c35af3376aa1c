import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import type { Schema } from "../../src/schema/model.js";
import { folderOf, runCli, SERVER_URL, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

const inspect = (dir: string, ...args: string[]) => runCli(["inspect", "--cache-dir", TEST_CACHE, ...args], dir);

const migrations = () =>
  folderOf({
    "db/0001_users.sql":
      "CREATE TYPE mood AS ENUM ('happy', 'sad');\nCREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, feeling mood DEFAULT 'happy');\n",
    "db/0002_posts.sql":
      "CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), CHECK (id > 0));\nCREATE INDEX posts_user_id_idx ON posts (user_id);\n",
  });

describe("lockstep inspect", () => {
  it("prints what a migrations folder builds, replayed in order", async () => {
    const run = await inspect(migrations(), "db");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Schema of db (sql, 2 migrations): 2 tables, 1 enum");
    expect(run.stdout).toContain("enum mood: 'happy', 'sad'");
    expect(run.stdout).toMatch(/table posts\n {2}id +bigint +not null/);
    expect(run.stdout).toContain("foreign key  posts_user_id_fkey (user_id) REFERENCES users(id)");
    expect(run.stdout).toContain("unique       users_email_key (email)");
    expect(run.stdout).toContain("CREATE INDEX posts_user_id_idx ON public.posts USING btree (user_id)");
  });

  it("gives the schema model as JSON", async () => {
    const run = await inspect(migrations(), "db", "--format", "json");
    const { source, schema } = JSON.parse(run.stdout) as { source: string; schema: Schema };
    expect(source).toBe("db (sql, 2 migrations)");
    expect(schema.tables.map((t) => t.name)).toEqual(["posts", "users"]);
    expect(schema.tables.find((t) => t.name === "users")!.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "bigint"],
      ["email", "text"],
      ["feeling", "mood"],
    ]);
  });

  it("bad input is a located message and exit 2", async () => {
    const dir = folderOf({ "schema.sql": "CREATE TABLE ok (id int);\nCREATE TABLE (;\n" });
    const run = await inspect(dir, "schema.sql");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/schema\.sql:2:\d+/);
    const missing = await inspect(dir, "nope.sql");
    expect([missing.code, missing.stderr]).toEqual([2, "lockstep: nope.sql: no such file or folder\n"]);
  });

  it.skipIf(!SERVER_URL)("reads a database URL without its password reaching the output", async () => {
    const url = new URL(SERVER_URL!);
    url.password = "s3cret";
    const run = await inspect(tempDir(), url.toString());
    expect(run.stdout + run.stderr).not.toContain("s3cret");
    expect(run.code).toBe(0);
  });
});

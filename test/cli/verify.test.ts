import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/engines/pglite.js";
import type { VerifyResult } from "../../src/verify/folder.js";
import { runCli, SERVER_URL, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

/** dbmate files: `[name, up, down]`. */
function dbmate(migrations: [string, string, string | undefined][]): string {
  const dir = tempDir();
  mkdirSync(join(dir, "db"));
  migrations.forEach(([name, up, down], i) => {
    const body = `-- migrate:up\n${up}\n\n-- migrate:down\n${down ?? ""}\n`;
    writeFileSync(join(dir, "db", `2026010100000${i}_${name}.sql`), body);
  });
  return dir;
}

const INIT: [string, string, string] = [
  "init",
  "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, legacy text);",
  "DROP TABLE users;",
];

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);

describe.each(engines)("verify on %s", (_name, engineArgs) => {
  const verify = async (dir: string, ...args: string[]) => {
    const run = await runCli(
      ["verify", "db", "--format", "json", "--cache-dir", TEST_CACHE, ...engineArgs, ...args],
      dir,
    );
    expect(run.stderr).toBe("");
    return { code: run.code, result: JSON.parse(run.stdout) as VerifyResult };
  };

  it("a folder whose downs undo their ups passes", async () => {
    const dir = dbmate([
      INIT,
      ["index", "CREATE INDEX users_email_idx ON users (email);", "DROP INDEX users_email_idx;"],
      ["column", "ALTER TABLE users ADD COLUMN name text;", "ALTER TABLE users DROP COLUMN name;"],
    ]);
    const { result, code } = await verify(dir);
    expect(result.migrations.map((m) => m.roundTrip)).toEqual(["equal", "equal", "equal"]);
    expect(result.findings).toEqual([]);
    expect(result.verdict).toBe("PASS");
    expect(code).toBe(0);
  });

  it("a down that forgets an index blocks, naming the file and the index", async () => {
    const dir = dbmate([
      INIT,
      [
        "index",
        "CREATE INDEX users_email_idx ON users (email);\nALTER TABLE users ADD COLUMN name text;",
        "ALTER TABLE users DROP COLUMN name;",
      ],
    ]);
    const { result, code } = await verify(dir);
    expect(result.verdict).toBe("BLOCK");
    expect(code).toBe(1);
    expect(result.migrations[1]).toMatchObject({ up: "ok", down: "ok", roundTrip: "differs" });
    const f = result.findings.find((x) => x.rule === "down-differs");
    expect(f?.file).toBe(join("db", "20260101000001_index.sql"));
    expect(f?.message).toContain("users_email_idx");
  });

  it("a down that drops a column its up did not add blocks", async () => {
    const dir = dbmate([
      INIT,
      [
        "name",
        "ALTER TABLE users ADD COLUMN name text;",
        "ALTER TABLE users DROP COLUMN name;\nALTER TABLE users DROP COLUMN legacy;",
      ],
    ]);
    const { result } = await verify(dir);
    expect(result.verdict).toBe("BLOCK");
    expect(result.findings.map((x) => x.message).join("\n")).toMatch(/users\.legacy/);
  });

  it("a missing down is an error; --last verifies only the newest", async () => {
    const dir = dbmate([INIT, ["name", "ALTER TABLE users ADD COLUMN name text;", undefined]]);
    const { result } = await verify(dir, "--last", "1");
    expect(result.migrations).toHaveLength(1);
    expect(result.migrations[0]).toMatchObject({ down: "missing", roundTrip: "not run" });
    expect(result.findings.map((x) => x.rule)).toEqual(["missing-down"]);
    expect(result.verdict).toBe("BLOCK");
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { folderOf, runCli, TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);

const up = (sql: string) => `-- migrate:up\nSET lock_timeout = '2s';\n${sql}\n\n-- migrate:down\n`;

describe("check --changelog: each change with its migration, kind, object and risk", () => {
  it("the migrations under test, each change on the row of the migration that makes it, and nothing earlier", async () => {
    const dir = folderOf({
      "db/migrations/20260101000000_init.sql": `${up("CREATE TABLE users (id bigint PRIMARY KEY, legacy text);")}DROP TABLE users;\n`,
      "db/migrations/20260101000001_orders.sql": `${up("CREATE TABLE orders (id bigint PRIMARY KEY);")}DROP TABLE orders;\n`,
      "db/migrations/20260101000002_nick.sql": `${up("ALTER TABLE users ADD COLUMN nick text;")}SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN nick;\n`,
      "db/migrations/20260101000003_total.sql": `${up("ALTER TABLE orders ADD COLUMN total numeric;")}SET lock_timeout = '2s';\nALTER TABLE orders DROP COLUMN total;\n`,
    });
    const run = await runCli(
      [
        "check",
        ".",
        "--last",
        "2",
        "--changelog",
        "SCHEMA_CHANGELOG.md",
        "--format",
        "json",
        "--cache-dir",
        TEST_CACHE,
      ],
      dir,
    );
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).changelog).toEqual({ file: "SCHEMA_CHANGELOG.md", status: "appended" });
    const text = readFileSync(join(dir, "SCHEMA_CHANGELOG.md"), "utf8");
    const rows = text.split("\n").filter((l) => l.startsWith("| db/"));
    expect(rows).toEqual([
      "| db/migrations/20260101000002\\_nick.sql | add\\_column | users.nick | safe |",
      "| db/migrations/20260101000003\\_total.sql | add\\_column | orders.total | safe |",
    ]);
    expect(text).toContain("- Added: add column users.nick; add column orders.total\n");
    expect(text).toContain("| Migration | Change | Object | Risk |\n| --- | --- | --- | --- |\n");
    expect(text).not.toMatch(/create table|orders \(/i);
  }, 120_000);
});

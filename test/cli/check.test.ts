import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/check/result.js";
import { check } from "../../src/commands/check.js";
import { renderCheck } from "../../src/cli/render-check.js";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { expectValidSarif } from "../helpers/sarif-schema.js";
import { runCli, SERVER_URL, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

const SHOP = resolve(import.meta.dirname, "../../examples/shop");
const SECTIONS = [
  "Schema changes",
  "Breaking changes requiring confirmation",
  "Generated or checked files",
  "Index recommendations",
  "Query safety",
  "Deployment sequence",
  "Rollback",
  "Pre-deploy checklist",
  "Verdict",
];

describe("check on the bundled example (examples/shop)", () => {
  let result: CheckResult;
  beforeAll(async () => {
    result = await check({ migrations: "migrations", schema: "schema.sql", cwd: SHOP, cacheDir: TEST_CACHE });
  }, 120_000);

  it("finds the drift, checks the newest migration and recommends the missing index", () => {
    expect(result.verdict).toBe("WARN");
    expect(result.project).toEqual({
      framework: "sql",
      dialect: "postgresql",
      format: "dbmate",
      migrations: "migrations",
      schema: "schema.sql",
    });
    expect(result.changes.map((c) => `${c.risk} ${c.kind}`)).toContain("risky add_foreign_key");
    expect(result.breaking).toEqual([]);
    expect(result.files).toEqual([
      { file: "migrations/20260315120000_create_orders.sql", checks: ["lint", "verify (round trip equal)"] },
    ]);
    expect(result.indexes.map((i) => `${i.table}(${i.columns.join(",")})`)).toEqual(["order_items(product_id)"]);
    expect(result.findings.map((f) => f.rule)).toContain("schema-drift");
    const outside = result.checklist.find((c) => c.item === "Steps outside a transaction");
    expect(outside?.status).toBe("required");
    expect(outside?.detail).toMatch(/create_index_orders_customer_id_idx/);
  });

  it("prints every section of the review, pretty and as markdown", async () => {
    const pretty = await renderCheck(result, "pretty");
    const markdown = await renderCheck(result, "markdown");
    for (const title of SECTIONS) {
      expect(pretty).toContain(`\n${title}\n${"-".repeat(title.length)}\n`);
      expect(markdown).toContain(`\n### ${title}\n`);
    }
    expect(pretty).toMatch(/^Lockstep check: sql \(dbmate, postgresql\), migrations: WARN\n/);
    expect(markdown).toMatch(/^## Lockstep check: sql \(dbmate, postgresql\), migrations: WARN\n/);
    expect(markdown).toContain("| RISKY | add\\_foreign\\_key | orders orders\\_customer\\_id\\_fkey |");
    expect(markdown).toContain(
      "```sql\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);\n```",
    );
  });

  it("gives the JSON contract, SARIF valid against the schema, and GitHub annotations", async () => {
    const json = JSON.parse(await renderCheck(result, "json")) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(
      [
        "breaking",
        "changes",
        "checklist",
        "files",
        "findings",
        "indexes",
        "pending",
        "project",
        "querySafety",
        "selection",
        "steps",
        "verdict",
        "verify",
      ].sort(),
    );
    const sarif = await renderCheck(result, "sarif");
    expectValidSarif(sarif);
    const rules = (JSON.parse(sarif) as { runs: { results: { ruleId: string }[] }[] }).runs[0]!.results.map(
      (r) => r.ruleId,
    );
    expect(rules).toEqual([...result.findings.map((f) => f.rule), "migrations-checked"]);
    const github = await renderCheck(result, "github");
    expect(github).toContain("::warning file=schema.sql,title=schema-drift::schema.sql has 7 changes");
    expect(github.trimEnd().split("\n").pop()).toBe("Verdict: WARN");
  });

  it("runs from the CLI on the project folder, detecting its migrations and schema.sql", async () => {
    const run = await runCli(["check", SHOP, "--cache-dir", TEST_CACHE]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Verdict\n-------\nWARN");
  }, 120_000);
});

describe("check on the Prisma example (examples/prisma-shop)", () => {
  it("detects Prisma, finds schema.prisma's pending change, verifies the newest migration with its down.sql", async () => {
    // Run in the project: paths are relative to the current folder.
    const run = await runCli(
      ["check", ".", "--format", "json", "--cache-dir", TEST_CACHE],
      resolve(SHOP, "../prisma-shop"),
    );
    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout) as CheckResult;
    expect(result.project).toEqual(
      expect.objectContaining({ framework: "prisma", format: "prisma", schema: "prisma/schema.prisma" }),
    );
    expect(result.changes.map((c) => `${c.kind} ${c.table}`).sort()).toEqual(["add_column User", "add_index Order"]);
    expect(result.verify).toEqual([
      expect.objectContaining({ file: "prisma/migrations/20250301160000_shipping/migration.sql", roundTrip: "equal" }),
    ]);
    // Mixed-case names are quoted in the statement to run.
    expect(result.indexes.map((i) => i.sql)).toContain(
      'CREATE INDEX CONCURRENTLY "OrderItem_productId_idx" ON "OrderItem" ("productId");',
    );
    expect(result.verdict).toBe("WARN");
  }, 120_000);
});

/** A dbmate project: `[name, up, down]` files in db/migrations. */
function project(migrations: [string, string, string][]): string {
  const dir = tempDir();
  mkdirSync(join(dir, "db/migrations"), { recursive: true });
  migrations.forEach(([name, up, down], i) => {
    const body = `-- migrate:up\n${up}\n\n-- migrate:down\n${down}\n`;
    writeFileSync(join(dir, "db/migrations", `2026010100000${i}_${name}.sql`), body);
  });
  return dir;
}

const INIT: [string, string, string] = [
  "init",
  "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);",
  "DROP TABLE users;",
];

/** A safe change: the lock it needs is bounded by lock_timeout. */
const ADD_NICK = "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN nick text;";

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);

describe.each(engines)("check gate on %s", (_name, engineArgs) => {
  const run = async (dir: string, ...args: string[]) => {
    const out = await runCli(
      ["check", ".", "--format", "json", "--cache-dir", TEST_CACHE, ...engineArgs, ...args],
      dir,
    );
    expect(out.stderr).toBe("");
    return { code: out.code, result: JSON.parse(out.stdout) as CheckResult };
  };

  it("passes a clean project (no schema file: drift not checked)", async () => {
    const dir = project([INIT, ["add_column", ADD_NICK, "ALTER TABLE users DROP COLUMN nick;"]]);
    const { code, result } = await run(dir, "--changelog", "SCHEMA_CHANGELOG.md");
    const today = new Date().toISOString().slice(0, 10);
    expect(result.findings).toEqual([]);
    expect(result.verdict).toBe("PASS");
    expect(code).toBe(0);
    expect(result.project.schema).toBeUndefined();
    expect(result.changelog).toEqual({ file: "SCHEMA_CHANGELOG.md", status: "appended" });
    expect(readFileSync(join(dir, "SCHEMA_CHANGELOG.md"), "utf8")).toContain(
      `## ${today}: db/migrations/20260101000001_add_column.sql\n\n- Added: add column users.nick\n`,
    );
  }, 120_000);

  it("blocks when the newest migration's down forgets an index, naming the file and the index", async () => {
    const dir = project([
      INIT,
      [
        "add_column",
        "ALTER TABLE users ADD COLUMN nick text;\nCREATE INDEX users_email_idx ON users (email);",
        "ALTER TABLE users DROP COLUMN nick;",
      ],
    ]);
    const { code, result } = await run(dir);
    expect(code).toBe(1);
    expect(result.verdict).toBe("BLOCK");
    const down = result.findings.filter((f) => f.rule === "down-differs");
    expect(down.length).toBeGreaterThan(0);
    expect(down.map((f) => f.file)).toContain("db/migrations/20260101000001_add_column.sql");
    expect(down.map((f) => f.message).join("\n")).toMatch(/users_email_idx/);
  }, 120_000);
});

describe("check --base", () => {
  it("puts the migrations added or changed since the git revision under test, and no others", async () => {
    const dir = project([INIT, ["add_column", ADD_NICK, "ALTER TABLE users DROP COLUMN nick;"]]);
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
    git("init", "-q");
    git("add", "db/migrations/20260101000000_init.sql");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init");
    const out = await runCli(["check", ".", "--base", "HEAD", "--format", "json", "--cache-dir", TEST_CACHE], dir);
    expect(out.stderr).toBe("");
    const result = JSON.parse(out.stdout) as CheckResult;
    expect(result.files.map((f) => f.file)).toEqual(["db/migrations/20260101000001_add_column.sql"]);
    expect(result.verify.map((v) => v.file)).toEqual(["db/migrations/20260101000001_add_column.sql"]);
    expect(result.verdict).toBe("PASS");
  }, 120_000);
});

describe("check input errors", () => {
  it("exits 2 when the project has no migrations folder", async () => {
    const run = await runCli(["check", tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no migrations folder found; pass --migrations/);
  });
});

import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import type { VerifyResult } from "../../src/commands/verify.js";
import { runCli, SERVER_URL, TEST_CACHE, tempDir } from "../support.js";

afterAll(shutdownPglite);

/** Writes dbmate files `[name, up, down]` into `<dir>/db`. */
function dbmate(migrations: [string, string, string | undefined][], dir = tempDir(), first = 0): string {
  mkdirSync(join(dir, "db"), { recursive: true });
  migrations.forEach(([name, up, down], i) => {
    const body = `-- migrate:up\n${up}\n\n-- migrate:down\n${down ?? ""}\n`;
    writeFileSync(join(dir, "db", `2026010100000${first + i}_${name}.sql`), body);
  });
  return dir;
}

const LOCK = "SET lock_timeout = '2s';";
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
  const rules = (r: VerifyResult) => r.findings.map((f) => f.rule);

  it("a folder whose downs undo their ups passes, with the JSON contract's fields", async () => {
    const dir = dbmate([
      INIT,
      ["index", `${LOCK}\nCREATE INDEX users_email_idx ON users (email);`, `${LOCK}\nDROP INDEX users_email_idx;`],
      ["column", `${LOCK}\nALTER TABLE users ADD COLUMN name text;`, `${LOCK}\nALTER TABLE users DROP COLUMN name;`],
    ]);
    const { result, code } = await verify(dir);
    expect(result.findings).toEqual([]);
    expect(result.verdict).toBe("PASS");
    expect(code).toBe(0);
    expect(result.migrations.map((m) => m.roundTrip)).toEqual(["equal", "equal", "equal"]);
    const m = result.migrations[1]!;
    expect(m).toMatchObject({ file: join("db", "20260101000001_index.sql"), up: "ok", down: "ok" });
    expect(m.ms.up).toBeGreaterThanOrEqual(0);
    expect(m.ms.down).toBeGreaterThanOrEqual(0);
    expect(m.ms.upAgain).toBeGreaterThanOrEqual(0);
    expect(m.statements.map((s) => s.sql)).toEqual([
      LOCK.slice(0, -1),
      "CREATE INDEX users_email_idx ON users (email)",
    ]);
    expect(m.statements[1]).toMatchObject({ line: 3, lockTimeout: "2s", rewrites: [] });
    expect(m.statements[1]!.locks).toContainEqual({ relation: "users", mode: "ShareLock" });
    expect(result.seed).toEqual({ rows: 200, tables: 1, skipped: [] });
  });

  it("a down that forgets an index blocks, naming the file and the index", async () => {
    const dir = dbmate([
      INIT,
      [
        "index",
        `${LOCK}\nCREATE INDEX users_email_idx ON users (email);\nALTER TABLE users ADD COLUMN name text;`,
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
        `${LOCK}\nALTER TABLE users ADD COLUMN name text;`,
        "ALTER TABLE users DROP COLUMN name;\nALTER TABLE users DROP COLUMN legacy;",
      ],
    ]);
    const { result } = await verify(dir);
    expect(result.verdict).toBe("BLOCK");
    expect(result.findings.find((x) => x.rule === "down-differs")?.message).toMatch(/users\.legacy/);
  });

  it("reads back quoted mixed-case tables it scopes to", async () => {
    const dir = dbmate([
      ["init", 'CREATE TABLE "Accounts" ("Id" bigint PRIMARY KEY, "Name" text);', 'DROP TABLE "Accounts";'],
      ["index", `${LOCK}\nCREATE INDEX "Accounts_Name_idx" ON "Accounts" ("Name");`, "SELECT 1;"],
    ]);
    const { result } = await verify(dir);
    expect(result.findings.find((x) => x.rule === "down-differs")?.message).toContain("Accounts_Name_idx");
    expect(result.seed.tables).toBe(1);
  });

  it("a migration it cannot scope (a DO block) is read back whole: its forgotten index is still named", async () => {
    const dir = dbmate([
      INIT,
      [
        "dynamic",
        `${LOCK}\nDO $$ BEGIN EXECUTE 'CREATE INDEX users_legacy_idx ON users (legacy)'; END $$;`,
        "SELECT 1;",
      ],
    ]);
    const { result } = await verify(dir);
    expect(result.findings.find((x) => x.rule === "down-differs")?.message).toContain("users_legacy_idx");
    expect(result.verdict).toBe("BLOCK");
  });

  it("a down that drops and re-adds a column loses its seeded values: reported naming table.column", async () => {
    const dir = dbmate([
      INIT,
      [
        "widen",
        `${LOCK}\nALTER TABLE users ALTER COLUMN legacy TYPE varchar(100);`,
        `${LOCK}\nALTER TABLE users DROP COLUMN legacy;\nALTER TABLE users ADD COLUMN legacy text;`,
      ],
    ]);
    const { result } = await verify(dir);
    expect(result.migrations[1]!.roundTrip).toBe("equal");
    const f = result.findings.find((x) => x.rule === "down-loses-data");
    expect(f).toMatchObject({ severity: "error", table: "users", column_name: "legacy" });
    expect(f?.message).toContain("users.legacy");
    expect(f?.message).toContain("the file does not say so");
    expect(result.migrations[1]!.dataLoss).toEqual(["users.legacy: values lost (the column is empty) (down)"]);
    expect(result.verdict).toBe("BLOCK");
  });

  it("an up that drops a column: lossy-down, a notice when the file says so", async () => {
    const steps: [string, string, string][] = [
      INIT,
      [
        "drop_legacy",
        `${LOCK}\nALTER TABLE users DROP COLUMN legacy;`,
        `${LOCK}\nALTER TABLE users ADD COLUMN legacy text;`,
      ],
    ];
    const silent = await verify(dbmate(steps));
    const warned = silent.result.findings.find((x) => x.rule === "lossy-down");
    expect(warned).toMatchObject({ severity: "warning", table: "users", column_name: "legacy" });
    expect(silent.result.verdict).toBe("WARN");

    steps[1]![1] = `-- lockstep: data-loss legacy is unused since v2\n${steps[1]![1]}`;
    const declared = await verify(dbmate(steps));
    const noted = declared.result.findings.find((x) => x.rule === "lossy-down");
    expect(noted?.severity).toBe("info");
    expect(noted?.message).toContain("the file says so (line 2: legacy is unused since v2)");
    expect(declared.result.verdict).toBe("PASS");
  });

  it("a dropped table is reported with its seeded rows; --rows 0 turns seeding and the check off", async () => {
    const steps: [string, string, string][] = [
      INIT,
      [
        "drop_users",
        "DROP TABLE users;",
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, legacy text);",
      ],
    ];
    const { result } = await verify(dbmate(steps), "--rows", "50");
    expect(result.findings.find((x) => x.rule === "lossy-down")?.message).toContain("users dropped with its 50 rows");
    expect(result.seed.rows).toBe(50);
    const off = await verify(dbmate(steps), "--rows", "0");
    expect(rules(off.result)).not.toContain("lossy-down");
    expect(off.result.seed).toEqual({ rows: 0, tables: 0, skipped: [] });
  });

  it("a missing down is an error unless the file is marked irreversible with a reason; --last", async () => {
    const missing = await verify(
      dbmate([INIT, ["name", "ALTER TABLE users ADD COLUMN name text;", undefined]]),
      "--last",
      "1",
    );
    expect(missing.result.migrations).toHaveLength(1);
    expect(missing.result.migrations[0]).toMatchObject({ down: "missing", roundTrip: "not run" });
    expect(rules(missing.result)).toContain("missing-down");
    expect(missing.result.verdict).toBe("BLOCK");

    const noReason = await verify(
      dbmate([
        INIT,
        ["name", `-- lockstep: irreversible\n${LOCK}\nALTER TABLE users ADD COLUMN name text;`, undefined],
      ]),
    );
    expect(noReason.result.findings.find((x) => x.rule === "missing-down")?.message).toContain("gives no reason");

    const marked = await verify(
      dbmate([
        INIT,
        [
          "name",
          `-- lockstep: irreversible backfill from a dropped source\n${LOCK}\nALTER TABLE users ADD COLUMN name text;`,
          undefined,
        ],
      ]),
    );
    expect(marked.result.migrations[1]).toMatchObject({
      down: "missing",
      roundTrip: "not run",
      irreversible: "backfill from a dropped source",
    });
    expect(marked.result.findings).toEqual([
      expect.objectContaining({ rule: "irreversible", severity: "info", line: 2 }),
    ]);
    expect(marked.result.verdict).toBe("PASS");
  });

  it("reports a rewrite and a blocking lock taken with no lock_timeout, as trace does", async () => {
    const dir = dbmate([
      ["init", "CREATE TABLE orders (id integer PRIMARY KEY, total integer);", "DROP TABLE orders;"],
      [
        "widen",
        "ALTER TABLE orders ALTER COLUMN total TYPE bigint;",
        "ALTER TABLE orders ALTER COLUMN total TYPE integer;",
      ],
    ]);
    const { result } = await verify(dir);
    const [stmt] = result.migrations[1]!.statements;
    expect(stmt?.rewrites).toEqual(["orders"]);
    expect(stmt?.file).toBe(join("db", "20260101000001_widen.sql"));
    expect(result.findings.map((f) => f.file)).toEqual([stmt?.file, stmt?.file]);
    expect(stmt?.locks).toContainEqual({ relation: "orders", mode: "AccessExclusiveLock" });
    expect(rules(result)).toEqual(["require-lock-timeout", "type-change-rewrite"]);
    expect(result.verdict).toBe("WARN");
  });

  it("an up that fails is located; SQL that does not parse is exit 2 with file, line and column", async () => {
    const fails = await verify(dbmate([INIT, ["bad", `${LOCK}\nALTER TABLE nope ADD COLUMN x int;`, "SELECT 1;"]]));
    expect(fails.result.findings).toEqual([
      expect.objectContaining({ rule: "migration-fails", file: join("db", "20260101000001_bad.sql"), line: 3 }),
    ]);
    const dir = dbmate([INIT, ["typo", "ALTER TABLE users ADD COLUMN x int", "ALTER TABLE users DROPP COLUMN x;"]]);
    const run = await runCli(["verify", "db", "--cache-dir", TEST_CACHE, ...engineArgs], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/20260101000001_typo\.sql:5:19: syntax error at or near "DROPP"/);
  });
});

describe("verify selection and progress (PGlite)", () => {
  const git = (dir: string, ...args: string[]) =>
    execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd: dir, stdio: "pipe" });

  it("--since git:REF verifies only the migrations added or changed since REF", async () => {
    const dir = dbmate([
      INIT,
      ["name", "ALTER TABLE users ADD COLUMN name text;", "ALTER TABLE users DROP COLUMN name;"],
    ]);
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "first");
    dbmate([["city", "ALTER TABLE users ADD COLUMN city text;", "ALTER TABLE users DROP COLUMN city;"]], dir, 2);
    const run = await runCli(
      ["verify", "db", "--format", "json", "--cache-dir", TEST_CACHE, "--since", "git:HEAD"],
      dir,
    );
    const result = JSON.parse(run.stdout) as VerifyResult;
    expect(result.migrations.map((m) => m.file)).toEqual([join("db", "20260101000002_city.sql")]);

    const bad = await runCli(["verify", "db", "--cache-dir", TEST_CACHE, "--since", "git:no-such-ref"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--since git:no-such-ref");
    const spec = await runCli(["verify", "db", "--cache-dir", TEST_CACHE, "--since", "HEAD"], dir);
    expect(spec.stderr).toContain("expected git:REF");
    const rows = await runCli(["verify", "db", "--rows", "-3"], dir);
    expect(rows).toMatchObject({ code: 2, stderr: expect.stringContaining("--rows -3") });
  });

  it("shows progress on a terminal, and nothing in JSON mode", async () => {
    const dir = dbmate([
      INIT,
      ["name", "ALTER TABLE users ADD COLUMN name text;", "ALTER TABLE users DROP COLUMN name;"],
    ]);
    const runTty = async (...args: string[]) => {
      let stderr = "";
      const previous = process.cwd();
      process.chdir(dir);
      try {
        await main(["verify", "db", "--cache-dir", TEST_CACHE, ...args], {
          stdout: () => {},
          stderr: (s) => void (stderr += s),
          keepEngine: true,
          stderrIsTTY: true,
        });
      } finally {
        process.chdir(previous);
      }
      return stderr;
    };
    expect(await runTty()).toContain("verify: migration 2 of 2");
    expect(await runTty("--format", "json")).toBe("");
  });
});

/**
 * `lockstep diff`: the changes between two sources with the planner's risk and reasons, possible
 * renames as hints, a verdict by the riskiest change; no steps, no files.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { CHANGE_KINDS } from "../../src/plan/model.js";
import { ROOT } from "../helpers/build.js";
import { folderOf, runCli, SERVER_URL, TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);

const USERS = "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n";
const RENAMED = "CREATE TABLE users (id bigint PRIMARY KEY, full_name text);\n";
const WITH_NICK = "CREATE TABLE users (id bigint PRIMARY KEY, name text, nick text);\n";
const INDEXED = `${USERS}CREATE INDEX users_name_idx ON users (name);\n`;

interface Contract {
  verdict: string;
  sources: { from: string; to: string };
  changes: { kind: string; table?: string; column?: string; object?: string; risk: string; reasons: string[] }[];
  findings: { rule: string; severity: string; message: string; fix?: string }[];
}

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);

describe.each(engines)("lockstep diff on %s", (_engine, dev) => {
  const diff = (dir: string, ...args: string[]) => runCli(["diff", "--cache-dir", TEST_CACHE, ...dev, ...args], dir);
  const json = async (dir: string, ...args: string[]) => {
    const run = await diff(dir, ...args, "--format", "json");
    expect(run.stderr).toBe("");
    return { code: run.code, result: JSON.parse(run.stdout) as Contract };
  };

  it("pretty: each change with its risk and reasons, the count and the verdict; nothing written", async () => {
    const dir = folderOf({ "before.sql": USERS, "after.sql": WITH_NICK });
    const run = await diff(dir, "--from", "before.sql", "--to", "after.sql");
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        "Lockstep diff: before.sql → after.sql",
        "",
        "Changes",
        "  SAFE     add_column users.nick",
        "           a nullable column without a default: a catalog change only",
        "",
        "1 change: 1 safe",
        "",
        "Verdict: PASS",
        "",
      ].join("\n"),
    );
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["after.sql", "before.sql"]);
  }, 120_000);

  it("json: the contract { verdict, changes: [{ kind, table, column?, risk, reasons }], findings }, no steps", async () => {
    const dir = folderOf({ "before.sql": INDEXED, "after.sql": WITH_NICK });
    const { code, result } = await json(dir, "--from", "before.sql", "--to", "after.sql");
    expect(Object.keys(result).sort()).toEqual(["changes", "findings", "sources", "verdict"]);
    expect(result.sources).toEqual({ from: "before.sql", to: "after.sql" });
    expect(result.changes.map((c) => [c.kind, c.table, c.column ?? c.object, c.risk])).toEqual([
      ["add_column", "users", "nick", "safe"],
      ["drop_index", "users", "users_name_idx", "risky"],
    ]);
    for (const c of result.changes) {
      expect(CHANGE_KINDS).toContain(c.kind);
      expect(["safe", "risky", "breaking"]).toContain(c.risk);
      expect(c.reasons.length).toBeGreaterThan(0);
      for (const key of Object.keys(c)) expect(["kind", "table", "column", "object", "risk", "reasons"]).toContain(key);
    }
    expect(result.findings).toEqual([]);
    expect(result.verdict).toBe("WARN");
    expect(code).toBe(0);
    // A risky change fails the run only when asked.
    expect((await diff(dir, "--from", "before.sql", "--to", "after.sql", "--fail-on", "warn")).code).toBe(1);
  }, 120_000);

  it("a drop and an add of the same type: breaking, with the possible rename as a hint (BLOCK, exit 1)", async () => {
    const dir = folderOf({ "before.sql": USERS, "after.sql": RENAMED });
    const run = await diff(dir, "--from", "before.sql", "--to", "after.sql");
    expect(run.stdout).toMatch(/^ {2}BREAKING drop_column users\.name$/m);
    expect(run.stdout).toMatch(/^ {2}SAFE {5}add_column users\.full_name$/m);
    expect(run.stdout).toContain(
      "Possible renames\n  users.name is dropped and full_name added with the same type: is it a rename? A rename is never guessed\n" +
        "    --rename users.name=full_name if it is a rename, or --not-renamed users.name=full_name if it is not\n",
    );
    expect(run.stdout).toMatch(/^2 changes: 1 breaking, 1 safe\n\nVerdict: BLOCK\n$/m);
    expect(run.code).toBe(1);

    const { code, result } = await json(dir, "--from", "before.sql", "--to", "after.sql");
    expect(code).toBe(1);
    expect(result.verdict).toBe("BLOCK");
    expect(result.findings).toEqual([expect.objectContaining({ rule: "possible-rename", severity: "error" })]);
  }, 120_000);

  it("--rename diffs a rename; --not-renamed drops the hint", async () => {
    const dir = folderOf({ "before.sql": USERS, "after.sql": RENAMED });
    const renamed = await json(dir, "--from", "before.sql", "--to", "after.sql", "--rename", "users.name=full_name");
    expect(renamed.result.changes.map((c) => [c.kind, c.table, c.column, c.risk])).toEqual([
      ["rename_column", "users", "name", "breaking"],
    ]);
    expect(renamed.result.findings).toEqual([]);
    expect(renamed.code).toBe(1);

    const apart = await json(dir, "--from", "before.sql", "--to", "after.sql", "--not-renamed", "users.name=full_name");
    expect(apart.result.changes.map((c) => c.kind).sort()).toEqual(["add_column", "drop_column"]);
    expect(apart.result.findings).toEqual([]);
    expect(apart.result.changes.flatMap((c) => c.reasons).join(" ")).not.toContain("possible rename");
  }, 120_000);

  it("a table dropped and one with its columns created: the hint, and --rename orders=purchases", async () => {
    const dir = folderOf({
      "before.sql": "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\n",
      "after.sql": "CREATE TABLE purchases (id bigint PRIMARY KEY, total numeric);\n",
    });
    const hinted = await json(dir, "--from", "before.sql", "--to", "after.sql");
    expect(hinted.result.changes.map((c) => [c.kind, c.table, c.risk])).toEqual([
      ["create_table", "purchases", "safe"],
      ["drop_table", "orders", "breaking"],
    ]);
    expect(hinted.result.findings.map((f) => [f.rule, f.fix])).toEqual([
      [
        "possible-rename",
        "--rename orders=purchases if it is a rename, or --not-renamed orders=purchases if it is not",
      ],
    ]);
    const renamed = await json(dir, "--from", "before.sql", "--to", "after.sql", "--rename", "orders=purchases");
    expect(renamed.result.changes[0]).toMatchObject({ kind: "rename_table", table: "orders", object: "purchases" });
    expect(renamed.result.changes.map((c) => c.kind)).not.toContain("drop_table");
    expect(renamed.result.findings).toEqual([]);
  }, 120_000);

  it("no changes: says so and passes", async () => {
    const dir = folderOf({ "before.sql": USERS, "after.sql": USERS });
    const run = await diff(dir, "--from", "before.sql", "--to", "after.sql");
    expect(run.stdout).toBe(
      "Lockstep diff: before.sql → after.sql\n\nNo changes: the schemas are the same.\n\nVerdict: PASS\n",
    );
    expect(run.code).toBe(0);
    const { code, result } = await json(dir, "--from", "before.sql", "--to", "after.sql");
    expect(result).toMatchObject({ verdict: "PASS", changes: [], findings: [] });
    expect(code).toBe(0);
  }, 120_000);
});

describe("lockstep diff: input and formats", () => {
  const diff = (dir: string, ...args: string[]) => runCli(["diff", "--cache-dir", TEST_CACHE, ...args], dir);

  it("a missing source: one line, exit 2, nothing on stdout", async () => {
    const dir = folderOf({ "after.sql": USERS });
    const run = await diff(dir, "--from", "nope.sql", "--to", "after.sql");
    expect(run).toEqual({ code: 2, stdout: "", stderr: "lockstep: nope.sql: no such file or folder\n" });
  });

  it("SQL that does not parse: file, line and column, exit 2", async () => {
    const dir = folderOf({ "before.sql": USERS, "after.sql": `${USERS}\nALTER TABLE users ADD COLUMN ;\n` });
    const run = await diff(dir, "--from", "before.sql", "--to", "after.sql", "--format", "json");
    expect(run).toEqual({ code: 2, stdout: "", stderr: 'lockstep: after.sql:3:30: syntax error at or near ";"\n' });
  });

  it("a --rename of a column the table lacks, and a bad --postgres-version: exit 2", async () => {
    const dir = folderOf({ "before.sql": USERS, "after.sql": RENAMED });
    const rename = await diff(dir, "--from", "before.sql", "--to", "after.sql", "--rename", "users.nope=full_name");
    expect(rename.code).toBe(2);
    expect(rename.stderr).toMatch(/^lockstep: --rename users\.nope=full_name: .+\n$/);
    const version = await diff(dir, "--to", "after.sql", "--postgres-version", "ten");
    expect(version).toEqual({
      code: 2,
      stdout: "",
      stderr: "lockstep: --postgres-version ten: expected a positive whole number\n",
    });
  }, 120_000);

  it("no --to outside a project: exit 2 saying what was looked for", async () => {
    const run = await diff(folderOf({ "notes.txt": "x" }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lockstep: no --to <source> given, and no project found in \. \(looked for .+\n$/);
  });

  it("--postgres-version changes the classification as it does the plan's", async () => {
    const dir = folderOf({
      "before.sql": USERS,
      "after.sql": "CREATE TABLE users (id bigint PRIMARY KEY, name text, role text NOT NULL DEFAULT 'member');\n",
    });
    const risk = async (...args: string[]) => {
      const run = await diff(dir, "--from", "before.sql", "--to", "after.sql", "--format", "json", ...args);
      return (JSON.parse(run.stdout) as Contract).changes.map((c) => c.risk);
    };
    expect(await risk()).toEqual(["safe"]);
    expect(await risk("--postgres-version", "10")).toEqual(["risky"]);
    // The configuration's postgresVersion, as plan reads it.
    writeFileSync(join(dir, "lockstep.config.json"), '{ "postgresVersion": 10 }\n');
    expect(await risk()).toEqual(["risky"]);
  }, 120_000);

  it("on a terminal, risks and the verdict in colour; the text is the plain output's", async () => {
    const dir = folderOf({ "before.sql": USERS, "after.sql": RENAMED });
    const args = ["diff", "--from", "before.sql", "--to", "after.sql", "--cache-dir", TEST_CACHE];
    const run = async (extra: string[]) => {
      let stdout = "";
      const previous = process.cwd();
      process.chdir(dir);
      try {
        await main([...args, ...extra], { stdout: (s) => void (stdout += s), stdoutIsTTY: true, keepEngine: true });
      } finally {
        process.chdir(previous);
      }
      return stdout;
    };
    vi.stubEnv("NO_COLOR", "");
    const coloured = await run([]);
    vi.unstubAllEnvs();
    expect(coloured).toContain("\x1b[31mBREAKING\x1b[0m drop_column users.name");
    expect(coloured).toContain("Verdict: \x1b[1;31mBLOCK");
    const plain = await run(["--no-color"]);
    expect(plain).not.toContain("\x1b[");
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, "")).toBe(plain);
  }, 120_000);

  it("in a project without --to: its migrations against its model (examples/shop)", async () => {
    const run = await diff(join(ROOT, "examples/shop"));
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Lockstep diff: migrations → schema\.sql$/m);
    expect(run.stdout).toMatch(/^Project: sql, postgresql$/m);
    expect(run.stdout).toMatch(/^ {2}RISKY {4}add_unique customers customers_email_key$/m);
    expect(run.stdout).toMatch(/^7 changes: 4 risky, 3 safe$/m);
    expect(run.stdout).toMatch(/^Verdict: WARN$/m);
    expect(run.code).toBe(0);
  }, 120_000);

  it.each(["examples/shop", "examples/prisma-shop"])(
    "in %s: the changes plan --no-baseline reports, same risks and reasons",
    async (example) => {
      const dir = join(ROOT, example);
      const diffed = await diff(dir, "--format", "json");
      const planned = await runCli(["plan", "--no-baseline", "--format", "json", "--cache-dir", TEST_CACHE], dir);
      expect(diffed.stderr).toBe("");
      const changes = (JSON.parse(diffed.stdout) as Contract).changes;
      expect(changes.length).toBeGreaterThan(1);
      expect(changes).toEqual((JSON.parse(planned.stdout) as Contract).changes);
    },
    120_000,
  );

  it("markdown: the changes table, the possible renames and the verdict's meaning", async () => {
    const dir = folderOf({ "before.sql": USERS, "after.sql": RENAMED });
    const run = await diff(dir, "--from", "before.sql", "--to", "after.sql", "--format", "markdown");
    expect(run.stdout).toMatch(/^## Lockstep diff: before\.sql → after\.sql: BLOCK$/m);
    expect(run.stdout).toMatch(/^\| BREAKING \| drop\\_column \| users\.name \| .+ \|$/m);
    expect(run.stdout).toMatch(/^### Possible renames\n\n- users\.name is dropped and full\\_name added/m);
    expect(run.stdout).toMatch(/^BLOCK: breaking changes: /m);
    expect(run.code).toBe(1);
  }, 120_000);

  it("an unknown --format is a usage error", async () => {
    const run = await diff(folderOf({ "a.sql": USERS }), "--to", "a.sql", "--format", "sarif");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'sarif' is invalid");
  });
});

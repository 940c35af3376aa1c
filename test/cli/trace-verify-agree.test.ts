import { afterAll, describe, expect, it } from "vitest";
import { shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { folderOf, runCli, SERVER_URL, TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);

interface Statement {
  file: string;
  line: number;
  locks: { relation: string; mode: string }[];
  rewrites: string[];
}
interface Finding {
  rule: string;
  file?: string;
  line?: number;
  message: string;
}

/** The second migration rewrites a table the first one created: it exists, with rows, when it is deployed. */
const dir = folderOf({
  "db/0001_init.sql": "CREATE TABLE users (id bigint PRIMARY KEY, score int);\n",
  "db/0001_init.down.sql": "DROP TABLE users;\n",
  "db/0002_retype.sql":
    "ALTER TABLE users ALTER COLUMN score TYPE bigint;\nALTER TABLE users ADD COLUMN n int DEFAULT 0;\n",
  "db/0002_retype.down.sql": "ALTER TABLE users DROP COLUMN n;\nALTER TABLE users ALTER COLUMN score TYPE int;\n",
});

const engines: [string, string[]][] = [["PGlite", []]];
if (SERVER_URL) engines.push(["PostgreSQL server", ["--dev-url", SERVER_URL]]);

/** What the trace says about a statement: its locks, its rewrites and the lock and rewrite findings on it. */
const traceFindings = (findings: Finding[]) =>
  findings
    .filter((f) => f.rule !== "down-loses-data" && f.rule !== "unread-file")
    .map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`)
    .sort();

describe.each(engines)("trace and verify agree on each statement's locks on %s", (_name, engineArgs) => {
  it("same locks, same rewrites, same findings for every statement of every migration", async () => {
    const cli = (...args: string[]) =>
      runCli([...args, "--format", "json", "--cache-dir", TEST_CACHE, ...engineArgs], dir);
    const trace = JSON.parse((await cli("trace", "db", "--last", "all")).stdout) as {
      statements: Statement[];
      findings: Finding[];
    };
    const verify = JSON.parse((await cli("verify", "db", "--rows", "0")).stdout) as {
      migrations: { statements: Statement[] }[];
      findings: Finding[];
    };
    const shape = (s: Statement) => ({ at: `${s.file}:${s.line}`, locks: s.locks, rewrites: s.rewrites });
    const verified = verify.migrations.flatMap((m) => m.statements).map(shape);
    expect(trace.statements.map(shape)).toEqual(verified);
    const retype = verified.find((s) => s.at === "db/0002_retype.sql:1")!;
    expect(retype.locks).toContainEqual({ relation: "users", mode: "AccessExclusiveLock" });
    expect(retype.rewrites).toEqual(["users"]);
    // users existed before 0002: both flag its lock and its rewrite there (trace used to see it as new).
    const traced = traceFindings(trace.findings);
    expect(traced).toEqual(traceFindings(verify.findings));
    expect(traced.filter((f) => f.startsWith("db/0002_retype.sql:1 "))).toEqual([
      expect.stringMatching(/^db\/0002_retype\.sql:1 require-lock-timeout: held .*AccessExclusive on users/),
      "db/0002_retype.sql:1 type-change-rewrite: rewrote users: every row is copied while the statement holds its lock",
    ]);
  }, 120_000);
});

describe("check reports a finding once per statement", () => {
  it("lint and the trace both flag the lock timeout and the rewrite of 0002:1: each is listed once", async () => {
    const run = await runCli(["check", ".", "--migrations", "db", "--format", "json", "--cache-dir", TEST_CACHE], dir);
    const { findings } = JSON.parse(run.stdout) as { findings: Finding[] };
    const keys = findings.filter((f) => f.line).map((f) => `${f.file}:${f.line} ${f.rule}`);
    expect(keys.length).toBe(new Set(keys).size);
    expect(keys).toEqual(
      expect.arrayContaining(["db/0002_retype.sql:1 require-lock-timeout", "db/0002_retype.sql:1 type-change-rewrite"]),
    );
    const pretty = await runCli(["check", ".", "--migrations", "db", "--cache-dir", TEST_CACHE], dir);
    const lines = pretty.stdout.split("\n").filter((l) => /require-lock-timeout\s+db\/0002_retype\.sql:1:/.test(l));
    expect(lines).toHaveLength(1);
  }, 120_000);
});

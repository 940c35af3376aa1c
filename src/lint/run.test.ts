import { describe, expect, it } from "vitest";
import type { LintContext, LintStatement, Rule } from "./rule.js";
import { lintSql, testSchema, testTable } from "./testing.js";
import { postgres } from "../dialects/postgres/index.js";
import { lintSections } from "./run.js";
import { lint } from "../commands/lint.js";
import { folderOf } from "../../test/support.js";

/** A rule that reports what the runner told it, as the message. */
function probe(show: (stmt: LintStatement, ctx: LintContext) => unknown): Rule {
  return {
    meta: { name: "probe", severity: "info", description: "test probe", docs: "reports the context it sees" },
    check: (stmt, ctx) => ctx.report({ message: JSON.stringify(show(stmt, ctx)) }),
  };
}

async function seen(sql: string, show: (stmt: LintStatement, ctx: LintContext) => unknown, transactional = true) {
  return (await lintSql(sql, [probe(show)], { transactional })).map((f) => JSON.parse(f.message) as unknown);
}

describe("lintSections dispatch", () => {
  it("calls a rule that names its statement kinds for those kinds only, and every rule without kinds", async () => {
    const sql = "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nSELECT 1;";
    const only = { ...probe((s) => s.kind), kinds: ["IndexStmt"] };
    expect((await lintSql(sql, [only])).map((f) => JSON.parse(f.message))).toEqual(["IndexStmt"]);
    expect(await seen(sql, (s) => s.kind)).toEqual(["CreateStmt", "IndexStmt", "SelectStmt"]);
  });
});

describe("lintSections state", () => {
  it("places statements in and out of transaction blocks; BEGIN says whether one was open", async () => {
    const sql = "SELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\nSELECT 3;";
    expect(await seen(sql, (s) => s.inTransaction, false)).toEqual([false, false, true, true, false]);
    expect(await seen(sql, (s) => s.inTransaction, true)).toEqual([true, true, true, true, false]);
  });

  it("gives the statements so far and to come in the transaction, and the rest of the migration", async () => {
    const sql = "SELECT 1;\nSELECT 2;\nCOMMIT;\nSELECT 3;";
    expect(
      await seen(sql, (_s, c) => [c.transactionSoFar.length, c.followingInTransaction.length, c.rest.length]),
    ).toEqual([
      [0, 1, 3],
      [1, 0, 2],
      [2, 0, 1],
      [0, 0, 0],
    ]);
  });

  it("knows tables and indexes created in the migration are new", async () => {
    const sql = "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nSELECT 1;";
    expect(await seen(sql, (_s, c) => [c.isExisting("t"), c.isExisting("public.t_a"), c.isExisting("users")])).toEqual([
      [true, true, true],
      [false, true, true],
      [false, false, true],
    ]);
  });

  it("keeps a table created in the migration new after a rename", async () => {
    const sql = "CREATE TABLE t_new (a int);\nALTER TABLE t_new RENAME TO t;\nSELECT 1;";
    expect(await seen(sql, (_s, c) => [c.isExisting("t"), c.earlier.length])).toEqual([
      [true, 0],
      [true, 1],
      [false, 2],
    ]);
  });

  it("tracks lock_timeout: session, LOCAL until the block ends, 0 and RESET turn it off", async () => {
    const sql =
      "SET lock_timeout = '1s';\nSET lock_timeout = 0;\nBEGIN;\nSET LOCAL lock_timeout = '1s';\nSELECT 1;\nCOMMIT;\nSELECT 2;";
    expect(await seen(sql, (_s, c) => c.lockTimeoutSet, false)).toEqual([false, true, false, false, true, true, false]);
  });

  it("tracks validated CHECK (c IS NOT NULL) from the migration and the schema", async () => {
    const schema = testSchema([
      testTable(
        "users",
        { a: "text", b: "text" },
        { checks: [{ name: "b_nn", definition: "CHECK ((b IS NOT NULL))", validated: true }] },
      ),
    ]);
    await postgres.ready();
    const findings = lintSections(
      [
        {
          text: "ALTER TABLE users ADD CONSTRAINT a_nn CHECK (a IS NOT NULL) NOT VALID;\nALTER TABLE users VALIDATE CONSTRAINT a_nn;\nSELECT 1;",
          file: "m.sql",
          startLine: 1,
          transactional: true,
        },
      ],
      {
        dialect: postgres,
        rules: [probe((_s, c) => [c.notNullChecked("users", "a"), c.notNullChecked("users", "b")])],
        schema,
      },
    );
    expect(findings.map((f) => JSON.parse(f.message) as unknown)).toEqual([
      [false, true],
      [false, true],
      [true, true],
    ]);
  });

  it("a table an earlier migration created exists in the next one; sections of one file share it; severities override", async () => {
    await postgres.ready();
    const findings = lintSections(
      [
        { text: "CREATE TABLE t (a int);", file: "1.sql", startLine: 1, transactional: true },
        { text: "SELECT 1;", file: "1.sql", startLine: 3, transactional: false },
        { text: "SELECT 2;", file: "2.sql", startLine: 1, transactional: true },
      ],
      { dialect: postgres, rules: [probe((_s, c) => c.isExisting("t"))], severities: { probe: "error" } },
    );
    expect(findings.map((f) => [f.file, f.message, f.severity])).toEqual([
      ["1.sql", "true", "error"],
      ["1.sql", "false", "error"],
      ["2.sql", "true", "error"],
    ]);
  });

  it("a lock_timeout holds within its migration only: the next may run in a session of its own", async () => {
    await postgres.ready();
    const findings = lintSections(
      [
        { text: "SET lock_timeout = '2s';\nSELECT 1;", file: "1.sql", startLine: 1, transactional: true },
        { text: "SELECT 2;", file: "2.sql", startLine: 1, transactional: true },
      ],
      { dialect: postgres, rules: [probe((_s, c) => c.lockTimeoutSet)] },
    );
    expect(findings.map((f) => [f.file, f.line, f.message])).toEqual([
      ["1.sql", 1, "false"],
      ["1.sql", 2, "true"],
      ["2.sql", 1, "false"],
    ]);
  });
});

describe("a folder: later files know the tables earlier files built (no --schema, no engine)", () => {
  const folder = (second: string) =>
    folderOf({
      "001_users.sql": "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(200), score integer);\n",
      "002_change.sql": second,
    });
  const rules = async (dir: string) =>
    (await lint({ paths: [dir], cwd: dir })).findings.map((f) => `${f.file}:${f.line}:${f.rule}`);

  it("widening varchar(200) → varchar(500) is instant: not a rewrite", async () => {
    const found = await rules(folder("ALTER TABLE users ALTER COLUMN name TYPE varchar(500);\n"));
    expect(found.filter((r) => /type-change/.test(r))).toEqual([]);
  });

  it("integer → bigint still rewrites, and narrowing still narrows", async () => {
    const found = await rules(
      folder(
        "ALTER TABLE users ALTER COLUMN score TYPE bigint;\nALTER TABLE users ALTER COLUMN name TYPE varchar(50);\n",
      ),
    );
    expect(found).toContain("002_change.sql:1:type-change-rewrite");
    expect(found).toContain("002_change.sql:2:narrowing-type-change");
  });

  it("follows renames, type changes and drops of earlier files", async () => {
    const dir = folderOf({
      "001_users.sql": "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(200));\n",
      "002_rename.sql": "ALTER TABLE users RENAME COLUMN name TO full_name;\nALTER TABLE users RENAME TO people;\n",
      "003_widen.sql": "ALTER TABLE people ALTER COLUMN full_name TYPE text;\n",
      "004_gone.sql": "DROP TABLE people;\nCREATE TABLE people (id bigint PRIMARY KEY, full_name integer);\n",
      "005_change.sql": "ALTER TABLE people ALTER COLUMN full_name TYPE bigint;\n",
    });
    const found = (await rules(dir)).filter((r) => /type-change/.test(r));
    expect(found).toEqual(["005_change.sql:1:type-change-rewrite"]);
  });
});

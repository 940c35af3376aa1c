import { beforeAll, describe, expect, it } from "vitest";
import { postgres } from "../../src/dialects/postgres/index.js";
import { defaultPlanOptions as withoutDialect, type Op } from "../../src/plan/ops.js";
import { assembleSteps, withLockTimeout } from "../../src/plan/steps.js";
import { exitCodeOf, verdictOf } from "../../src/schema/verdict.js";

beforeAll(() => postgres.ready());

const defaultPlanOptions = { ...withoutDialect, dialect: postgres };
const record = (sql: string) => postgres.plannedStatement(sql);
const withLockTimeoutSql = (sqls: string[], timeout: string) =>
  withLockTimeout(sqls.map(record), timeout, postgres).map((s) => s.sql);

const op = (stage: Op["stage"], rank: number, up: string, down: string, extra: Partial<Op> = {}): Op => ({
  stage,
  rank,
  up: [record(up)],
  down: [record(down)],
  ...extra,
});

describe("withLockTimeout", () => {
  it("is set before statements that lock an existing table", () => {
    expect(withLockTimeoutSql(["ALTER TABLE users ADD COLUMN a text"], "2s")).toEqual([
      "SET LOCAL lock_timeout = '2s'",
      "ALTER TABLE users ADD COLUMN a text",
    ]);
    expect(withLockTimeoutSql(["DROP TABLE users"], "5s")[0]).toBe("SET LOCAL lock_timeout = '5s'");
  });

  it("is not needed for a table the same step creates, nor for new types", () => {
    const stmts = [
      "CREATE TYPE mood AS ENUM ('a')",
      "CREATE TABLE t (id int)",
      "CREATE INDEX t_id_idx ON t (id)",
      "ALTER TABLE t ADD COLUMN b int",
    ];
    expect(withLockTimeoutSql(stmts, "2s")).toEqual(stmts);
  });

  it("is not set before CONCURRENTLY, which takes no heavy lock", () => {
    expect(withLockTimeoutSql(["CREATE INDEX CONCURRENTLY i ON users (a)"], "2s")).toHaveLength(1);
  });
});

describe("assembleSteps", () => {
  it("runs an op's `around` alone outside the transaction, before and after its step, once", () => {
    const around = { before: record("SET search_path = a"), after: record("SET search_path = b"), label: "path" };
    const steps = assembleSteps(
      [
        op("main", 20, "CREATE TABLE t (a int)", "DROP TABLE t", { around }),
        op("main", 21, "CREATE TABLE u (a int)", "DROP TABLE u", { around }),
      ],
      defaultPlanOptions,
      "x",
    );
    expect(steps.map((s) => [s.name, s.transactional, s.up, s.down])).toEqual([
      ["x_1_path_before", false, ["SET search_path = a"], ["SET search_path = b"]],
      [
        "x_2_schema",
        true,
        ["CREATE TABLE t (a int)", "CREATE TABLE u (a int)"],
        ["SET LOCAL lock_timeout = '2s'", "DROP TABLE u", "DROP TABLE t"],
      ],
      ["x_3_path_after", false, ["SET search_path = b"], ["SET search_path = a"]],
    ]);
  });

  it("puts each stage in its own step, in order, downs reversed", () => {
    const steps = assembleSteps(
      [
        op("concurrent", 30, "CREATE INDEX CONCURRENTLY i ON t (a)", "DROP INDEX CONCURRENTLY i"),
        op("main", 22, "ALTER TABLE t ADD COLUMN a int", "ALTER TABLE t DROP COLUMN a"),
        op("main", 20, "CREATE TABLE n (id int)", "DROP TABLE n"),
        op("validate", 40, "ALTER TABLE t VALIDATE CONSTRAINT c", "ALTER TABLE t DROP CONSTRAINT c"),
      ],
      defaultPlanOptions,
      "x",
    );
    expect(steps.map((s) => [s.name, s.phase, s.transactional])).toEqual([
      ["x_1_schema", "single", true],
      ["x_2_concurrent", "single", false],
      ["x_3_validate", "single", true],
    ]);
    expect(steps[0]!.up).toEqual([
      "SET LOCAL lock_timeout = '2s'",
      "CREATE TABLE n (id int)",
      "ALTER TABLE t ADD COLUMN a int",
    ]);
    expect(steps[0]!.down).toEqual(["SET LOCAL lock_timeout = '2s'", "ALTER TABLE t DROP COLUMN a", "DROP TABLE n"]);
    // Outside a transaction: exactly one statement each way, so any runner can run it.
    expect(steps[1]!.up).toHaveLength(1);
    expect(steps[1]!.down).toHaveLength(1);
  });

  it("labels steps expand / backfill / contract when the plan spans deploys", () => {
    const steps = assembleSteps(
      [
        op("main", 22, "ALTER TABLE t ADD COLUMN a int", "ALTER TABLE t DROP COLUMN a"),
        op("backfill", 23, "UPDATE t SET a = 1", "UPDATE t SET a = NULL", { label: "backfill_t" }),
        op("contract", 13, "ALTER TABLE t DROP COLUMN b", "ALTER TABLE t ADD COLUMN b int", {
          deploy: "Deploy code that no longer reads t.b.",
          needsCodeDeploy: true,
          dataLoss: "t.b values",
        }),
      ],
      defaultPlanOptions,
      "y",
    );
    expect(steps.map((s) => [s.phase, s.transactional])).toEqual([
      ["expand", true],
      ["backfill", false],
      ["contract", true],
    ]);
    expect(steps[1]!.name).toBe("y_2_backfill_t");
    expect(steps[2]).toMatchObject({ deploy: "Deploy code that no longer reads t.b.", dataLoss: "t.b values" });
  });

  it("ADD VALUE runs outside a transaction before PostgreSQL 12", () => {
    const ops = [op("enum", 1, "ALTER TYPE mood ADD VALUE 'x'", "DO $$ BEGIN NULL; END $$")];
    expect(assembleSteps(ops, { ...defaultPlanOptions, postgresVersion: 11 }, "e")[0]!.transactional).toBe(false);
    expect(assembleSteps(ops, defaultPlanOptions, "e")[0]!.transactional).toBe(true);
  });
});

describe("verdict", () => {
  const f = (severity: "error" | "warning" | "info") => ({ rule: "r", severity, message: "m" });
  it("BLOCK on errors, WARN on warnings or code deploys between steps, PASS otherwise", () => {
    expect(verdictOf([f("info"), f("warning"), f("error")])).toBe("BLOCK");
    expect(verdictOf([f("info"), f("warning")])).toBe("WARN");
    expect(verdictOf([f("info")], true)).toBe("WARN");
    expect(verdictOf([f("info")])).toBe("PASS");
    expect(verdictOf([])).toBe("PASS");
  });
  it("exit codes: 1 for BLOCK, and for WARN under --fail-on warn", () => {
    expect([exitCodeOf("PASS"), exitCodeOf("WARN"), exitCodeOf("BLOCK")]).toEqual([0, 0, 1]);
    expect(exitCodeOf("WARN", "warn")).toBe(1);
  });
});

describe("assembleSteps: a stage of many statements", () => {
  it("is cut into consecutive transactional steps of at most 400 statements, in order, no op split", () => {
    const ops = Array.from({ length: 500 }, (_, i) => ({
      stage: "main" as const,
      rank: i < 450 ? 20 : 40,
      up: [`CREATE TABLE t${i} (id int PRIMARY KEY)`, `CREATE INDEX t${i}_idx ON t${i} (id)`].map(record),
      down: [`DROP TABLE t${i}`].map(record),
    }));
    const steps = assembleSteps(ops, defaultPlanOptions, "many");
    expect(steps.map((s) => s.name)).toEqual(["many_1_schema_1_of_3", "many_2_schema_2_of_3", "many_3_schema_3_of_3"]);
    expect(steps.map((s) => s.up.length)).toEqual([400, 400, 200]);
    expect(steps.every((s) => s.transactional)).toBe(true);
    expect(steps.flatMap((s) => s.up)).toEqual(ops.flatMap((o) => o.up.map((u) => u.sql)));
    // Each down undoes its own step, in reverse.
    expect(steps[0]!.down.filter((s) => s.startsWith("DROP"))).toEqual(
      ops
        .slice(0, 200)
        .reverse()
        .map((o) => o.down[0]!.sql),
    );
  });

  it("a stage within the budget stays one step", () => {
    const ops = Array.from({ length: 10 }, (_, i) => op("main", 20, `CREATE TABLE t${i} (id int)`, `DROP TABLE t${i}`));
    expect(assembleSteps(ops, defaultPlanOptions, "few").map((s) => s.name)).toEqual(["few_1_schema"]);
  });
});

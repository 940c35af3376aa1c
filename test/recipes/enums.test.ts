import { describe, expect, it } from "vitest";
import type { Database } from "../../src/engines/engine.js";
import {
  allSql,
  type Case,
  expectRunnable,
  findingOf,
  planOf,
  roundTripCase,
  serverRoundTrips,
  usePglite,
} from "../helpers/plan-case.js";

const engine = usePglite();

const schema = (values: string, extra = "") => `CREATE TYPE mood AS ENUM (${values});
CREATE TABLE people (
  id integer PRIMARY KEY,
  mood mood NOT NULL DEFAULT 'ok',
  history mood[]${extra}
);`;

const SEED = `INSERT INTO people (id, mood, history) VALUES (1, 'ok', '{ok}'), (2, 'sad', '{sad,ok}'), (3, 'ok', NULL);`;

const LEVEL = "CREATE TYPE level AS ENUM ('info', 'error');";
const NOTES = "CREATE TABLE notes (id integer PRIMARY KEY, body text);";

const cases = {
  createEnum: {
    before: "CREATE TABLE people (id integer PRIMARY KEY);",
    after: "CREATE TYPE mood AS ENUM ('sad', 'ok');\nCREATE TABLE people (id integer PRIMARY KEY, mood mood);",
  },
  addValueAtEnd: { before: schema("'sad', 'ok'"), after: schema("'sad', 'ok', 'happy'"), seed: SEED },
  addValueFirst: { before: schema("'sad', 'ok'"), after: schema("'angry', 'sad', 'ok'"), seed: SEED },
  addValueInMiddle: { before: schema("'sad', 'ok'"), after: schema("'sad', 'meh', 'ok'"), seed: SEED },
  addTwoValues: { before: schema("'sad', 'ok'"), after: schema("'sad', 'meh', 'ok', 'happy'"), seed: SEED },
  addValuePg11: {
    before: schema("'sad', 'ok'"),
    after: schema("'sad', 'ok', 'happy'"),
    options: { postgresVersion: 11 },
    seed: SEED,
  },
  addValueAndColumnUsingIt: {
    before: schema("'sad', 'ok'"),
    after: schema("'sad', 'ok', 'happy'", ",\n  goal mood DEFAULT 'happy'"),
    seed: SEED,
  },
  dropValue: {
    before: schema("'sad', 'ok', 'meh'"),
    after: schema("'sad', 'ok'"),
    options: { allowBreaking: true },
    seed: SEED,
  },
  reorder: {
    before: schema("'sad', 'ok'"),
    after: schema("'ok', 'sad'"),
    options: { allowBreaking: true },
    seed: SEED,
  },
  quotedOtherSchema: {
    before: `CREATE SCHEMA "HR";\nCREATE TYPE "HR"."Level" AS ENUM ('Junior', 'Senior');
CREATE TABLE "HR"."Staff" ("StaffId" integer PRIMARY KEY, "Level" "HR"."Level" NOT NULL DEFAULT 'Junior');`,
    after: `CREATE SCHEMA "HR";\nCREATE TYPE "HR"."Level" AS ENUM ('Junior', 'Mid', 'Senior');
CREATE TABLE "HR"."Staff" ("StaffId" integer PRIMARY KEY, "Level" "HR"."Level" NOT NULL DEFAULT 'Junior');`,
  },
  dropValueQuotedOtherSchema: {
    before: `CREATE SCHEMA "HR";\nCREATE TYPE "HR"."Level" AS ENUM ('Junior', 'Mid', 'Senior');
CREATE TABLE "HR"."Staff" ("StaffId" integer PRIMARY KEY, "Level" "HR"."Level" NOT NULL DEFAULT 'Junior');`,
    after: `CREATE SCHEMA "HR";\nCREATE TYPE "HR"."Level" AS ENUM ('Junior', 'Senior');
CREATE TABLE "HR"."Staff" ("StaffId" integer PRIMARY KEY, "Level" "HR"."Level" NOT NULL DEFAULT 'Junior');`,
    options: { allowBreaking: true },
    seed: `INSERT INTO "HR"."Staff" VALUES (1, 'Junior'), (2, 'Senior'), (3, DEFAULT);`,
  },
  dropEnum: {
    before: "CREATE TYPE mood AS ENUM ('sad', 'ok');\nCREATE TABLE people (id integer PRIMARY KEY);",
    after: "CREATE TABLE people (id integer PRIMARY KEY);",
  },
  dropEnumWithTable: {
    before: `${LEVEL}\nCREATE TABLE events (id integer PRIMARY KEY, level level NOT NULL);\n${NOTES}`,
    after: NOTES,
    options: { allowBreaking: true },
  },
  dropEnumWithColumn: {
    before: `${LEVEL}\nCREATE TABLE events (id integer PRIMARY KEY, level level, history level[]);`,
    after: "CREATE TABLE events (id integer PRIMARY KEY);",
    options: { allowBreaking: true },
  },
  dropEnumColumnToText: {
    before: `${LEVEL}\nCREATE TABLE events (id integer PRIMARY KEY, level level NOT NULL);`,
    after: "CREATE TABLE events (id integer PRIMARY KEY, level text NOT NULL);",
    options: { allowBreaking: true },
  },
  dropEnumColumnToOtherEnum: {
    before: `${LEVEL}\nCREATE TABLE events (id integer PRIMARY KEY, level level NOT NULL);`,
    after: `CREATE TYPE severity AS ENUM ('info', 'error');
CREATE TABLE events (id integer PRIMARY KEY, level severity NOT NULL);`,
    options: { allowBreaking: true },
  },
  dropEnumIndexedColumnToOtherEnum: {
    before: `${LEVEL}\nCREATE TABLE events (id integer PRIMARY KEY, level level NOT NULL);
CREATE INDEX events_level_idx ON events (level);`,
    after: `CREATE TYPE severity AS ENUM ('info', 'error');
CREATE TABLE events (id integer PRIMARY KEY, level severity NOT NULL);
CREATE INDEX events_level_idx ON events (level);`,
    options: { allowBreaking: true },
  },
} satisfies Record<string, Case>;

const enumValues = async (db: Database, type = "mood") =>
  (await db.query<{ v: string }>(`SELECT unnest(enum_range(NULL::${type}))::text AS v`)).map((x) => x.v);

describe("create_enum / drop_enum", () => {
  it("a new type is safe and comes before the column that uses it", async () => {
    const r = await planOf(cases.createEnum);
    expectRunnable(r);
    expect(r.changes.map((c) => [c.kind, c.risk])).toEqual([
      ["create_enum", "safe"],
      ["add_column", "safe"],
    ]);
    const up = r.steps[0]!.up;
    expect(up.indexOf("CREATE TYPE mood AS ENUM ('sad', 'ok')")).toBeLessThan(
      up.indexOf("ALTER TABLE people ADD COLUMN mood mood"),
    );
    expect(r.steps[0]!.down.at(-1)).toBe("DROP TYPE mood");
    await roundTripCase(cases.createEnum, engine);
  });

  it("a type no column uses is dropped safely; the down creates it again", async () => {
    const r = await planOf(cases.dropEnum);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "drop_enum", risk: "safe" });
    expect(r.steps[0]!.down).toContain("CREATE TYPE mood AS ENUM ('sad', 'ok')");
    await roundTripCase(cases.dropEnum, engine);
  });
});

describe("drop_enum with the columns that used it", () => {
  /** The statements of the step holding `DROP TYPE level`, and that step. */
  const dropStep = (r: Awaited<ReturnType<typeof planOf>>) => {
    const step = r.steps.find((s) => s.up.includes("DROP TYPE level"));
    expect(step, "a step drops the type").toBeDefined();
    return step!;
  };

  it("a dropped table's column: the type goes after the table, in the contract step; the down makes it first", async () => {
    const r = await planOf(cases.dropEnumWithTable);
    expectRunnable(r);
    const step = dropStep(r);
    expect(step.phase).toBe("contract");
    expect(step.up.indexOf("DROP TABLE events")).toBeLessThan(step.up.indexOf("DROP TYPE level"));
    expect(step.down.indexOf("CREATE TYPE level AS ENUM ('info', 'error')")).toBeLessThan(
      step.down.findIndex((s) => s.startsWith("CREATE TABLE events")),
    );
    await roundTripCase(cases.dropEnumWithTable, engine);
  });

  it("a dropped column (and an array of the type): the type goes after the column", async () => {
    const r = await planOf(cases.dropEnumWithColumn);
    expectRunnable(r);
    const step = dropStep(r);
    expect(step.phase).toBe("contract");
    expect(step.up.at(-1)).toBe("DROP TYPE level");
    expect(step.up).toContain("ALTER TABLE events DROP COLUMN history");
    await roundTripCase(cases.dropEnumWithColumn, engine);
  });

  it("a column moved to text by a swap: the type goes with the swap, once the old column is gone", async () => {
    const r = await planOf(cases.dropEnumColumnToText);
    expectRunnable(r);
    const step = dropStep(r);
    expect(step.phase).toBe("contract");
    expect(step.up.findIndex((s) => s.includes("DROP COLUMN level_lockstep_old"))).toBeLessThan(
      step.up.indexOf("DROP TYPE level"),
    );
    await roundTripCase(cases.dropEnumColumnToText, engine);
  });

  it("a column moved to another enum: cast through text (no cast joins two enums); the old type goes after the swap", async () => {
    const r = await planOf(cases.dropEnumColumnToOtherEnum);
    expectRunnable(r);
    expect(dropStep(r).phase).toBe("contract");
    expect(allSql(r)).toContain("level_lockstep_new = level::text::severity");
    expect(allSql(r, "down")).toContain("SET level = level_lockstep_new::text::level");
    await roundTripCase(cases.dropEnumColumnToOtherEnum, engine);
  });

  it("an indexed column moved to another enum in place: USING … ::text::, then the old type goes", async () => {
    const r = await planOf(cases.dropEnumIndexedColumnToOtherEnum);
    expectRunnable(r);
    const step = dropStep(r);
    expect(
      step.up.indexOf("ALTER TABLE events ALTER COLUMN level TYPE severity USING level::text::severity"),
    ).toBeLessThan(step.up.indexOf("DROP TYPE level"));
    expect(step.down).toContain("ALTER TABLE events ALTER COLUMN level TYPE level USING level::text::level");
    await roundTripCase(cases.dropEnumIndexedColumnToOtherEnum, engine);
  });
});

describe("add_enum_value", () => {
  it("at the end: a plain ADD VALUE (it appends, as Prisma writes it), alone in its step; the down rebuilds the type", async () => {
    const r = await planOf(cases.addValueAtEnd);
    expectRunnable(r);
    expect(r.verdict).toBe("PASS");
    expect(r.changes).toEqual([expect.objectContaining({ kind: "add_enum_value", object: "mood", risk: "safe" })]);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]!.up).toEqual(["ALTER TYPE mood ADD VALUE 'happy'"]);
    expect(r.steps[0]!.transactional).toBe(true);
    expect(r.steps[0]!.dataLoss).toMatch(/fails while rows hold 'happy'/);
    expect(r.steps[0]!.down[0]).toMatch(/^DO \$lockstep\$/);
    await roundTripCase(
      { ...cases.addValueAtEnd, afterUp: async (db) => expect(await enumValues(db)).toEqual(["sad", "ok", "happy"]) },
      engine,
    );
  });

  it("first: ADD VALUE … BEFORE the first old value", async () => {
    const r = await planOf(cases.addValueFirst);
    expectRunnable(r);
    expect(r.steps[0]!.up).toEqual(["ALTER TYPE mood ADD VALUE 'angry' BEFORE 'sad'"]);
    await roundTripCase(
      { ...cases.addValueFirst, afterUp: async (db) => expect(await enumValues(db)).toEqual(["angry", "sad", "ok"]) },
      engine,
    );
  });

  it("in the middle: placed after its predecessor, in sort order", async () => {
    const r = await planOf(cases.addValueInMiddle);
    expectRunnable(r);
    expect(r.steps[0]!.up).toEqual(["ALTER TYPE mood ADD VALUE 'meh' AFTER 'sad'"]);
    await roundTripCase(
      { ...cases.addValueInMiddle, afterUp: async (db) => expect(await enumValues(db)).toEqual(["sad", "meh", "ok"]) },
      engine,
    );
  });

  it("two values: one step each, in order", async () => {
    const r = await planOf(cases.addTwoValues);
    expectRunnable(r);
    expect(r.steps.map((s) => s.up)).toEqual([
      ["ALTER TYPE mood ADD VALUE 'meh' AFTER 'sad'"],
      ["ALTER TYPE mood ADD VALUE 'happy'"],
    ]);
    await roundTripCase(cases.addTwoValues, engine);
  });

  it("before PostgreSQL 12, ADD VALUE cannot run in a transaction: its step is not transactional", async () => {
    const r = await planOf(cases.addValuePg11);
    expectRunnable(r);
    expect(r.steps[0]!.transactional).toBe(false);
    expect(r.steps[0]!.up).toHaveLength(1);
    expect(r.steps[0]!.down).toHaveLength(1);
    await roundTripCase(cases.addValuePg11, engine);
  });

  it("with a new column defaulting to the new value: the value is committed first; the down still works", async () => {
    const r = await planOf(cases.addValueAndColumnUsingIt);
    expectRunnable(r);
    expect(r.steps[0]!.up).toEqual(["ALTER TYPE mood ADD VALUE 'happy'"]);
    expect(r.steps[1]!.up).toContain("ALTER TABLE people ADD COLUMN goal mood DEFAULT 'happy'::mood");
    await roundTripCase(cases.addValueAndColumnUsingIt, engine);
  });

  it("the down fails while rows hold the new value", async () => {
    const r = await planOf(cases.addValueAtEnd);
    await expect(
      roundTripCase(
        {
          ...cases.addValueAtEnd,
          afterUp: async (db) => void (await db.exec("UPDATE people SET mood = 'happy' WHERE id = 1")),
        },
        engine,
      ),
    ).rejects.toThrow(/invalid input value for enum mood: "happy"/);
    expect(r.steps[0]!.dataLoss).toBeDefined();
  });

  it("quoted names in a non-public schema", async () => {
    const r = await planOf(cases.quotedOtherSchema);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "add_enum_value", object: "HR.Level" });
    expect(r.steps[0]!.up).toEqual([`ALTER TYPE "HR"."Level" ADD VALUE 'Mid' AFTER 'Junior'`]);
    await roundTripCase(cases.quotedOtherSchema, engine);
  });
});

describe("drop_enum_value", () => {
  it("is blocked without --allow-breaking (enum-value-removed)", async () => {
    const r = await planOf({ ...cases.dropValue, options: {} });
    expect(r.verdict).toBe("BLOCK");
    expect(r.changes[0]).toMatchObject({ kind: "drop_enum_value", risk: "breaking" });
    const f = findingOf(r, "enum-value-removed");
    expect(f?.severity).toBe("error");
    expect(f?.message).toContain("--allow-breaking");
  });

  it("confirmed: the type is rebuilt in a contract step; columns, arrays and defaults follow", async () => {
    const r = await planOf(cases.dropValue);
    expectRunnable(r);
    expect(r.verdict).toBe("WARN");
    expect(r.steps).toHaveLength(1);
    const step = r.steps[0]!;
    expect(step.phase).toBe("contract");
    expect(step.deploy).toMatch(/no longer writes 'meh'/);
    const sql = allSql(r);
    expect(sql).toContain("ALTER TYPE mood RENAME TO mood_lockstep_old");
    expect(sql).toContain("CREATE TYPE mood AS ENUM (''sad'', ''ok'')");
    expect(sql).toContain("ALTER COLUMN history TYPE mood[] USING history::text[]::mood[]");
    expect(sql).toContain("ALTER COLUMN mood SET DEFAULT");
    await roundTripCase(
      {
        ...cases.dropValue,
        afterUp: async (db) => expect(await enumValues(db)).toEqual(["sad", "ok"]),
        afterDown: async (db) => expect(await enumValues(db)).toEqual(["sad", "ok", "meh"]),
      },
      engine,
    );
  });

  it("rows holding the removed value make the rebuild fail", async () => {
    await expect(
      roundTripCase({ ...cases.dropValue, seed: "INSERT INTO people (id, mood) VALUES (1, 'meh');" }, engine),
    ).rejects.toThrow(/invalid input value for enum mood: "meh"/);
  });

  it("a reorder is a rebuild too: breaking", async () => {
    const r = await planOf(cases.reorder);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "drop_enum_value", risk: "breaking" });
    expect(r.changes[0]!.reasons.join(" ")).toMatch(/reordering/);
    await roundTripCase(
      { ...cases.reorder, afterUp: async (db) => expect(await enumValues(db)).toEqual(["ok", "sad"]) },
      engine,
    );
  });

  it("quoted names in a non-public schema", async () => {
    const r = await planOf(cases.dropValueQuotedOtherSchema);
    expectRunnable(r);
    expect(allSql(r)).toContain(`ALTER TYPE "HR"."Level" RENAME TO "Level_lockstep_old"`);
    await roundTripCase(cases.dropValueQuotedOtherSchema, engine);
  });
});

serverRoundTrips(cases);

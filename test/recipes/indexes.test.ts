import { describe, expect, it } from "vitest";
import {
  allSql,
  type Case,
  expectRunnable,
  planOf,
  roundTripCase,
  serverRoundTrips,
  usePglite,
} from "../helpers/plan-case.js";

const engine = usePglite();

const USERS = `CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  deleted_at timestamptz
);`;

const EVENTS = `CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');`;

const cases = {
  addIndex: { before: USERS, after: `${USERS}\nCREATE INDEX users_email_idx ON users (email);` },
  addUniqueExpressionPartial: {
    before: USERS,
    after: `${USERS}\nCREATE UNIQUE INDEX users_email_live_idx ON users (lower(email)) WHERE deleted_at IS NULL;`,
  },
  addTwoIndexes: {
    before: USERS,
    after: `${USERS}\nCREATE INDEX users_email_idx ON users (email);\nCREATE INDEX users_deleted_idx ON users (deleted_at DESC);`,
  },
  dropIndex: { before: `${USERS}\nCREATE INDEX users_email_idx ON users (email);`, after: USERS },
  redefineIndex: {
    before: `${USERS}\nCREATE INDEX users_email_idx ON users (email);`,
    after: `${USERS}\nCREATE INDEX users_email_idx ON users (email, deleted_at);`,
  },
  renameIndex: {
    before: `${USERS}\nCREATE INDEX users_email_idx ON users (email);`,
    after: `${USERS}\nCREATE INDEX users_by_email ON users (email);`,
  },
  renameIndexAndRedefineAnother: {
    before: `${USERS}\nCREATE INDEX a_idx ON users (email);\nCREATE INDEX b_idx ON users (deleted_at);`,
    after: `${USERS}\nCREATE INDEX c_idx ON users (email);\nCREATE INDEX b_idx ON users (deleted_at DESC);`,
  },
  quotedOtherSchema: {
    before: `CREATE SCHEMA "Audit";\nCREATE TABLE "Audit"."Events" ("EventId" integer PRIMARY KEY, "At" timestamptz);`,
    after: `CREATE SCHEMA "Audit";\nCREATE TABLE "Audit"."Events" ("EventId" integer PRIMARY KEY, "At" timestamptz);
CREATE INDEX "Events_At_IDX" ON "Audit"."Events" ("At");`,
  },
  dropQuotedOtherSchema: {
    before: `CREATE SCHEMA "Audit";\nCREATE TABLE "Audit"."Events" ("EventId" integer PRIMARY KEY, "At" timestamptz);
CREATE INDEX "Events_At_IDX" ON "Audit"."Events" ("At");`,
    after: `CREATE SCHEMA "Audit";\nCREATE TABLE "Audit"."Events" ("EventId" integer PRIMARY KEY, "At" timestamptz);`,
  },
  partitioned: {
    before: `${EVENTS}\nCREATE INDEX events_kind_idx ON events (kind);`,
    after: `${EVENTS}\nCREATE INDEX events_at_idx ON events (at);`,
  },
} satisfies Record<string, Case>;

describe("add_index", () => {
  it("on an existing table: CONCURRENTLY, alone, outside a transaction, no lock_timeout", async () => {
    const r = await planOf(cases.addIndex);
    expectRunnable(r);
    expect(r.verdict).toBe("PASS");
    expect(r.changes).toEqual([
      expect.objectContaining({ kind: "add_index", table: "users", object: "users_email_idx", risk: "risky" }),
    ]);
    expect(r.steps).toEqual([
      expect.objectContaining({
        phase: "single",
        transactional: false,
        up: ["CREATE INDEX CONCURRENTLY users_email_idx ON users (email)"],
        down: ["DROP INDEX CONCURRENTLY IF EXISTS users_email_idx"],
      }),
    ]);
    expect(r.steps[0]!.name).toMatch(/create_index_users_email_idx$/);
    expect(r.steps[0]!.deploy).toMatch(/INVALID index/);
    const report = await roundTripCase(cases.addIndex, engine);
    expect(report.rows.users).toBe(3);
  });

  it("a unique, partial, expression index keeps its definition and warns about duplicates", async () => {
    const r = await planOf(cases.addUniqueExpressionPartial);
    expectRunnable(r);
    expect(r.changes[0]!.reasons.join(" ")).toMatch(/duplicate/);
    expect(r.steps[0]!.up[0]).toMatch(
      /^CREATE UNIQUE INDEX CONCURRENTLY users_email_live_idx ON users (USING btree )?\(lower\(email\)\) WHERE \(deleted_at IS NULL\)$/,
    );
    await roundTripCase(cases.addUniqueExpressionPartial, engine);
  });

  it("duplicates make the unique build fail", async () => {
    await expect(
      roundTripCase(
        { ...cases.addUniqueExpressionPartial, seed: "INSERT INTO users (email) VALUES ('A@x'), ('a@x');" },
        engine,
      ),
    ).rejects.toThrow(/could not create unique index/);
  });

  it("two indexes: two steps, one statement each", async () => {
    const r = await planOf(cases.addTwoIndexes);
    expectRunnable(r);
    expect(r.steps).toHaveLength(2);
    for (const s of r.steps) {
      expect(s.transactional).toBe(false);
      expect(s.up).toHaveLength(1);
      expect(s.down).toHaveLength(1);
    }
    expect(allSql(r)).toMatch(/users_deleted_idx ON users (USING btree )?\(deleted_at DESC\)/);
    await roundTripCase(cases.addTwoIndexes, engine);
  });

  it("quoted names in a non-public schema: qualified in the drop", async () => {
    const r = await planOf(cases.quotedOtherSchema);
    expectRunnable(r);
    expect(r.steps[0]!.up[0]).toMatch(/^CREATE INDEX CONCURRENTLY "Events_At_IDX" ON "Audit"."Events" /);
    expect(r.steps[0]!.down).toEqual(['DROP INDEX CONCURRENTLY IF EXISTS "Audit"."Events_At_IDX"']);
    await roundTripCase(cases.quotedOtherSchema, engine);
  });
});

describe("drop_index", () => {
  it("DROP INDEX CONCURRENTLY; the down builds it again CONCURRENTLY", async () => {
    const r = await planOf(cases.dropIndex);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "drop_index", risk: "risky" });
    expect(r.changes[0]!.reasons.join(" ")).toMatch(/ACCESS EXCLUSIVE/);
    expect(r.steps).toEqual([
      expect.objectContaining({
        transactional: false,
        up: ["DROP INDEX CONCURRENTLY users_email_idx"],
        down: ["CREATE INDEX CONCURRENTLY users_email_idx ON users (email)"],
      }),
    ]);
    await roundTripCase(cases.dropIndex, engine);
  });

  it("same name, other definition: dropped then built again, each alone", async () => {
    const r = await planOf(cases.redefineIndex);
    expectRunnable(r);
    expect(r.changes.map((c) => c.kind)).toEqual(["drop_index", "add_index"]);
    expect(r.steps.map((s) => s.up[0])).toEqual([
      "DROP INDEX CONCURRENTLY users_email_idx",
      "CREATE INDEX CONCURRENTLY users_email_idx ON users (email, deleted_at)",
    ]);
    await roundTripCase(cases.redefineIndex, engine);
  });

  it("same definition, other name: renamed in place, never rebuilt", async () => {
    const r = await planOf(cases.renameIndex);
    expectRunnable(r);
    expect(r.changes).toEqual([expect.objectContaining({ kind: "other", object: "users_by_email", risk: "safe" })]);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]!.up).toContain("ALTER INDEX users_email_idx RENAME TO users_by_email");
    expect(r.steps[0]!.down).toContain("ALTER INDEX users_by_email RENAME TO users_email_idx");
    expect(allSql(r)).not.toContain("CREATE INDEX");
    await roundTripCase(cases.renameIndex, engine);
  });

  it("a rename beside a redefinition: only the redefined index is rebuilt", async () => {
    const r = await planOf(cases.renameIndexAndRedefineAnother);
    expectRunnable(r);
    expect(r.changes.map((c) => `${c.kind} ${c.object}`).sort()).toEqual([
      "add_index b_idx",
      "drop_index b_idx",
      "other c_idx",
    ]);
    expect(allSql(r)).toContain("ALTER INDEX a_idx RENAME TO c_idx");
    expect(allSql(r)).toContain("CREATE INDEX CONCURRENTLY b_idx ON users (deleted_at DESC)");
    expect(allSql(r)).not.toContain("CREATE INDEX CONCURRENTLY c_idx");
    await roundTripCase(cases.renameIndexAndRedefineAnother, engine);
  });

  it("in a non-public schema", async () => {
    const r = await planOf(cases.dropQuotedOtherSchema);
    expectRunnable(r);
    expect(r.steps[0]!.up).toEqual(['DROP INDEX CONCURRENTLY "Audit"."Events_At_IDX"']);
    await roundTripCase(cases.dropQuotedOtherSchema, engine);
  });
});

serverRoundTrips(cases);

describe("indexes on a partitioned table", () => {
  it("are built and dropped in a transaction under lock_timeout (PostgreSQL refuses CONCURRENTLY there), up and down", async () => {
    const r = await planOf(cases.partitioned);
    expectRunnable(r);
    expect(r.changes.map((c) => c.kind).sort()).toEqual(["add_index", "drop_index"]);
    expect(r.changes.flatMap((c) => c.reasons).join(" ")).toMatch(/partitioned table cannot/);
    expect(allSql(r)).not.toMatch(/CONCURRENTLY/);
    expect(r.steps.every((s) => s.transactional)).toBe(true);
    expect(allSql(r)).toMatch(/lock_timeout/);
    await roundTripCase(cases.partitioned, engine);
  });
});

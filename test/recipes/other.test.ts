import { describe, expect, it } from "vitest";
import { PostgresEngine } from "../../src/dialects/postgres/engines/server.js";
import {
  allSql,
  type Case,
  expectRunnable,
  findingOf,
  PG_URL,
  planCase,
  planOf,
  roundTrip,
  roundTripCase,
  serverRoundTrips,
  usePglite,
} from "../helpers/plan-case.js";

const engine = usePglite();

const BASE = "CREATE TABLE notes (id integer PRIMARY KEY, body text);";

const cases = {
  createSequence: {
    before: BASE,
    after: `${BASE}\nCREATE SEQUENCE invoice_numbers AS bigint START WITH 1000 INCREMENT BY 10;`,
  },
  alterSequence: {
    before: `${BASE}\nCREATE SEQUENCE invoice_numbers AS bigint START WITH 1000 INCREMENT BY 10;`,
    after: `${BASE}\nCREATE SEQUENCE invoice_numbers AS bigint START WITH 1000 INCREMENT BY 5 CACHE 20;`,
  },
  dropSequence: {
    before: `${BASE}\nCREATE SEQUENCE invoice_numbers AS bigint START WITH 1000 INCREMENT BY 10;`,
    after: BASE,
  },
  sequenceAsDefault: {
    before: BASE,
    after: `CREATE SEQUENCE note_numbers START WITH 100;
CREATE TABLE notes (id integer PRIMARY KEY, body text, number bigint DEFAULT nextval('note_numbers'));`,
  },
  createSchema: {
    before: BASE,
    after: `${BASE}\nCREATE SCHEMA "Archive";\nCREATE TABLE "Archive".notes (id integer PRIMARY KEY);`,
  },
  dropSchema: {
    before: `${BASE}\nCREATE SCHEMA archive;\nCREATE TABLE archive.notes (id integer PRIMARY KEY, body text);`,
    after: BASE,
    options: { allowBreaking: true },
  },
} satisfies Record<string, Case>;

describe("sequences (other)", () => {
  it("create: safe, every option spelled out, the down drops it", async () => {
    const r = await planOf(cases.createSequence);
    expectRunnable(r);
    expect(r.changes).toEqual([expect.objectContaining({ kind: "other", object: "invoice_numbers", risk: "safe" })]);
    expect(r.steps[0]!.up).toContain(
      "CREATE SEQUENCE invoice_numbers AS bigint INCREMENT BY 10 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 CACHE 1 NO CYCLE",
    );
    expect(r.steps[0]!.down).toContain("DROP SEQUENCE invoice_numbers");
    await roundTripCase(cases.createSequence, engine);
  });

  it("alter: ALTER SEQUENCE both ways", async () => {
    const r = await planOf(cases.alterSequence);
    expectRunnable(r);
    expect(allSql(r)).toContain("ALTER SEQUENCE invoice_numbers AS bigint INCREMENT BY 5");
    expect(allSql(r, "down")).toContain("ALTER SEQUENCE invoice_numbers AS bigint INCREMENT BY 10");
    await roundTripCase(cases.alterSequence, engine);
  });

  it("drop: the down creates it again", async () => {
    const r = await planOf(cases.dropSequence);
    expectRunnable(r);
    expect(r.steps[0]!.up).toContain("DROP SEQUENCE invoice_numbers");
    await roundTripCase(cases.dropSequence, engine);
  });

  it("a sequence and a column defaulting to it: the sequence first", async () => {
    const r = await planOf(cases.sequenceAsDefault);
    expectRunnable(r);
    const up = r.steps[0]!.up;
    expect(up.findIndex((s) => s.startsWith("CREATE SEQUENCE note_numbers"))).toBeLessThan(
      up.findIndex((s) => s.includes("ADD COLUMN number")),
    );
    await roundTripCase(cases.sequenceAsDefault, engine);
  });
});

describe("schemas (other)", () => {
  it("create a schema: safe, first in its step", async () => {
    const r = await planOf(cases.createSchema);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ kind: "other", object: "Archive", risk: "safe" });
    expect(r.steps[0]!.up).toContain('CREATE SCHEMA "Archive"');
    await roundTripCase(cases.createSchema, engine);
  });

  it("drop a schema: blocked without --allow-breaking (drop-schema)", async () => {
    const r = await planOf({ ...cases.dropSchema, options: {} });
    expect(r.verdict).toBe("BLOCK");
    expect(findingOf(r, "drop-schema")?.severity).toBe("error");
    expect(r.changes.find((c) => c.object === "archive")).toMatchObject({ kind: "other", risk: "breaking" });
  });

  it("drop a schema, confirmed: its tables first, then the schema; the down recreates both", async () => {
    const r = await planOf(cases.dropSchema);
    expectRunnable(r);
    const up = r.steps[0]!.up;
    expect(up.indexOf("DROP TABLE archive.notes")).toBeLessThan(up.indexOf("DROP SCHEMA archive"));
    expect(r.steps[0]!.dataLoss).toBeDefined();
    const report = await roundTripCase(cases.dropSchema, engine);
    expect(report.rows.notes).toBe(3);
  });
});

describe.skipIf(!PG_URL)("extensions (other), on the PostgreSQL server", () => {
  const before = "CREATE TABLE notes (id integer PRIMARY KEY);";
  const after = 'CREATE EXTENSION IF NOT EXISTS "pg_trgm";\nCREATE TABLE notes (id integer PRIMARY KEY);';

  it("create and drop an extension: IF NOT EXISTS / IF EXISTS, both round-trip", async () => {
    const server = new PostgresEngine(PG_URL!);
    try {
      const created = await planCase(before, after, { devUrl: PG_URL });
      expectRunnable(created);
      expect(created.changes).toEqual([expect.objectContaining({ kind: "other", object: "pg_trgm", risk: "safe" })]);
      expect(created.steps[0]!.up).toEqual(["CREATE EXTENSION IF NOT EXISTS pg_trgm"]);
      expect(created.steps[0]!.down).toEqual(["DROP EXTENSION IF EXISTS pg_trgm"]);
      await roundTrip(created, before, after, server);
      const dropped = await planCase(after, before, { devUrl: PG_URL });
      expectRunnable(dropped);
      await roundTrip(dropped, after, before, server);
    } finally {
      await server.close();
    }
  });
});

serverRoundTrips(cases);

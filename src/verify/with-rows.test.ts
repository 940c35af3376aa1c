import { afterAll, describe, expect, it } from "vitest";
import { introspect } from "../dialects/postgres/introspect.js";
import { initParser } from "../dialects/postgres/parse.js";
import { postgres } from "../dialects/postgres/index.js";
import { PgliteEngine, shutdownPglite } from "../dialects/postgres/engines/pglite.js";
import type { Step } from "../plan/model.js";
import { executeSql } from "../sources/execute.js";
import { TEST_CACHE } from "../../test/support.js";
import { selfCheck } from "./self-check.js";
import { checkWithRows } from "./with-rows.js";

afterAll(shutdownPglite);

const engine = new PgliteEngine({ cacheDir: TEST_CACHE });

/** One step outside a transaction: a batched backfill's shape, whose UPDATE runs only when a row exists. */
const backfill = (set: string): Step => ({
  name: "backfill",
  phase: "backfill",
  transactional: false,
  up: [`DO $$ BEGIN IF EXISTS (SELECT FROM docs) THEN UPDATE docs SET ${set}; END IF; END $$`],
  down: ["UPDATE docs SET fill = NULL"],
  deploy: "",
});

async function database(sql: string) {
  await initParser();
  const db = await engine.fresh();
  await executeSql(db, sql, { file: "before.sql" }, false, postgres);
  return { db, schema: await introspect(db) };
}

describe("the self-check over sample rows", () => {
  it("catches a conversion that no row can pass, which empty tables never run (Json[] → Json cast)", async () => {
    const { db, schema } = await database("CREATE TABLE docs (id integer PRIMARY KEY, tags jsonb[], fill jsonb);");
    try {
      const steps = [backfill("fill = tags::jsonb")];
      expect((await selfCheck(db, steps, schema, schema, postgres)).problems).toEqual([]);
      const rows = await checkWithRows(db, steps, schema, postgres);
      expect(rows.problems).toHaveLength(1);
      expect(rows.problems[0]).toMatch(/sample rows.*step backfill \(up\) failed: cannot cast type jsonb\[\] to jsonb/);
    } finally {
      await db.close();
    }
  });

  it("passes the conversion that works (to_jsonb), rows in the tables", async () => {
    const { db, schema } = await database("CREATE TABLE docs (id integer PRIMARY KEY, tags jsonb[], fill jsonb);");
    try {
      const rows = await checkWithRows(db, [backfill("fill = to_jsonb(tags)")], schema, postgres);
      expect(rows).toEqual({ problems: [], notes: [] });
      // Rows were there (each with a one-element array), and the down emptied the filled column again.
      const [seen] = await db.query<{ n: number; filled: number; len: number }>(
        "SELECT count(*)::int AS n, count(fill)::int AS filled, min(cardinality(tags))::int AS len FROM docs",
      );
      expect(seen).toEqual({ n: 3, filled: 0, len: 1 });
    } finally {
      await db.close();
    }
  });

  it("a failure that depends on the values (not the user's: sample ones) is a note, not a problem", async () => {
    const { db, schema } = await database("CREATE TABLE docs (id integer PRIMARY KEY, code text, fill integer);");
    try {
      const rows = await checkWithRows(db, [backfill("fill = code::integer")], schema, postgres);
      expect(rows.problems).toEqual([]);
      expect(rows.notes[0]).toMatch(/invalid input syntax for type integer.*depends on the values/);
    } finally {
      await db.close();
    }
  });
});

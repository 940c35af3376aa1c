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

const products = (price: string, extra = "") => `CREATE TABLE products (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name varchar(100) NOT NULL,
  price ${price}${extra}
);`;

const BIG_VALUES = "INSERT INTO products (name, price) VALUES ('a', 2147483647), ('b', -2147483648), ('c', NULL);";

const cases = {
  widenVarchar: {
    before: products("integer"),
    after: products("integer").replace("varchar(100)", "varchar(200)"),
  },
  varcharToText: {
    before: products("integer"),
    after: products("integer").replace("varchar(100)", "text"),
  },
  numericPrecision: {
    before: products("numeric(10,2)"),
    after: products("numeric(12,2)"),
  },
  intToBigint: {
    before: products("integer"),
    after: products("bigint"),
    options: { allowBreaking: true },
    seed: BIG_VALUES,
  },
  intToBigintNotNullDefault: {
    before: products("integer", " NOT NULL DEFAULT 0"),
    after: products("bigint", " NOT NULL DEFAULT 0"),
    options: { allowBreaking: true },
  },
  intToBigintPrimaryKey: {
    before: "CREATE TABLE events (id integer PRIMARY KEY, body text);",
    after: "CREATE TABLE events (id bigint PRIMARY KEY, body text);",
    options: { allowBreaking: true },
  },
  compositeKey: {
    before: "CREATE TABLE stock (shop integer, sku integer, qty integer, PRIMARY KEY (shop, sku));",
    after: "CREATE TABLE stock (shop integer, sku integer, qty bigint, PRIMARY KEY (shop, sku));",
    options: { allowBreaking: true },
  },
  narrowWithConfirmation: {
    before: products("integer"),
    after: products("integer").replace("varchar(100)", "varchar(20)"),
    options: { allowBreaking: true },
  },
  timestampToTimestamptz: {
    before: products("integer", ",\n  created_at timestamp"),
    after: products("integer", ",\n  created_at timestamptz"),
    options: { allowBreaking: true },
  },
  quoted: {
    before: `CREATE SCHEMA "Shop";\nCREATE TABLE "Shop"."Items" ("ItemId" integer PRIMARY KEY, "UnitPrice" integer);`,
    after: `CREATE SCHEMA "Shop";\nCREATE TABLE "Shop"."Items" ("ItemId" integer PRIMARY KEY, "UnitPrice" bigint);`,
    options: { allowBreaking: true },
  },
  newTypeNewDefault: {
    before: products("integer", " NOT NULL DEFAULT 0"),
    after: products("text", " NOT NULL DEFAULT 'none'"),
    options: { allowBreaking: true },
  },
  newTypeNewDefaultInPlace: {
    before:
      "CREATE TABLE events (id integer PRIMARY KEY, kind integer DEFAULT 0);\nCREATE INDEX events_kind_idx ON events (kind);",
    after:
      "CREATE TABLE events (id integer PRIMARY KEY, kind text DEFAULT 'none');\nCREATE INDEX events_kind_idx ON events (kind);",
    options: { allowBreaking: true },
    seed: "INSERT INTO events VALUES (1, 5), (2, DEFAULT);",
  },
  // Prisma's `Json[]` → `Json`: no cast exists; the array becomes one JSON array, and back.
  jsonArrayToJson: {
    before: "CREATE TABLE docs (id integer PRIMARY KEY, tags jsonb[]);",
    after: "CREATE TABLE docs (id integer PRIMARY KEY, tags jsonb);",
    options: { allowBreaking: true },
    seed: `INSERT INTO docs VALUES (1, ARRAY['{"a": 1}'::jsonb, '2']), (2, '{}'), (3, NULL);`,
    valuesChange: ["docs.tags"],
    afterUp: async (db: Database) => {
      const rows = await db.query<{ tags: unknown }>("SELECT tags FROM docs ORDER BY id");
      expect(rows.map((r) => r.tags)).toEqual([[{ a: 1 }, 2], [], null]);
    },
    afterDown: async (db: Database) => {
      const rows = await db.query<{ tags: string }>("SELECT tags::text AS tags FROM docs ORDER BY id");
      expect(rows.map((r) => r.tags)).toEqual(['{"{\\"a\\": 1}",2}', "{}", null]);
    },
  },
} satisfies Record<string, Case>;

describe("alter_column_type: coercible", () => {
  it("varchar(100) → varchar(200) is safe: one step, no USING, PASS", async () => {
    const r = await planOf(cases.widenVarchar);
    expectRunnable(r);
    expect(r.verdict).toBe("PASS");
    expect(r.changes).toEqual([expect.objectContaining({ kind: "alter_column_type", column: "name", risk: "safe" })]);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]!.up).toContain("ALTER TABLE products ALTER COLUMN name TYPE character varying(200)");
    expect(allSql(r)).not.toContain("USING");
    // The way back narrows: it casts explicitly.
    expect(r.steps[0]!.down).toContain(
      "ALTER TABLE products ALTER COLUMN name TYPE character varying(100) USING name::character varying(100)",
    );
    await roundTripCase(cases.widenVarchar, engine);
  });

  it("varchar → text is safe", async () => {
    const r = await planOf(cases.varcharToText);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ risk: "safe" });
    expect(r.steps).toHaveLength(1);
    await roundTripCase(cases.varcharToText, engine);
  });

  it("numeric(10,2) → numeric(12,2) is safe", async () => {
    const r = await planOf(cases.numericPrecision);
    expectRunnable(r);
    expect(r.changes[0]).toMatchObject({ risk: "safe" });
    expect(r.steps[0]!.up).toContain("ALTER TABLE products ALTER COLUMN price TYPE numeric(12,2)");
    await roundTripCase(cases.numericPrecision, engine);
  });
});

describe("alter_column_type: rewrite", () => {
  it("int → bigint without --allow-breaking is blocked (type-change-rewrite)", async () => {
    const r = await planOf({ before: products("integer"), after: products("bigint") });
    expect(r.verdict).toBe("BLOCK");
    const f = findingOf(r, "type-change-rewrite");
    expect(f?.severity).toBe("error");
    expect(f?.message).toContain("--allow-breaking");
    expect(r.changes[0]).toMatchObject({ kind: "alter_column_type", risk: "breaking" });
  });

  it("confirmed: new column kept in step by a trigger, batched cast, swap; values are kept both ways", async () => {
    const r = await planOf(cases.intToBigint);
    expectRunnable(r);
    expect(r.verdict).toBe("WARN");
    expect(r.steps.map((s) => s.phase)).toEqual(["expand", "backfill", "contract"]);
    const [expand, backfill, contract] = r.steps;
    expect(expand!.up).toContain("ALTER TABLE products ADD COLUMN price_lockstep_new bigint");
    expect(expand!.up.join("\n")).toMatch(/NEW\.price_lockstep_new := NEW\.price::bigint/);
    expect(backfill!.transactional).toBe(false);
    expect(backfill!.up[0]).toContain("UPDATE products SET price_lockstep_new = price::bigint");
    expect(contract!.up).toEqual(
      expect.arrayContaining([
        "ALTER TABLE products RENAME COLUMN price TO price_lockstep_old",
        "ALTER TABLE products RENAME COLUMN price_lockstep_new TO price",
        "ALTER TABLE products DROP COLUMN price_lockstep_old",
      ]),
    );
    expect(contract!.up[0]).toBe("SET LOCAL lock_timeout = '2s'");
    const prices = async (db: Database) =>
      (await db.query<{ price: string | null }>("SELECT price::text FROM products ORDER BY name")).map((x) => x.price);
    const report = await roundTripCase(
      {
        ...cases.intToBigint,
        afterUp: async (db) => {
          expect(await prices(db)).toEqual(["2147483647", "-2147483648", null]);
          // bigint now: a value past the old range fits.
          await db.exec("UPDATE products SET price = 2147483648 WHERE name = 'c'");
          await db.exec("UPDATE products SET price = NULL WHERE name = 'c'");
        },
        afterDown: async (db) => expect(await prices(db)).toEqual(["2147483647", "-2147483648", null]),
      },
      engine,
    );
    expect(report.rows.products).toBe(3);
  });

  it("a NOT NULL column with a default keeps both through the swap", async () => {
    const r = await planOf(cases.intToBigintNotNullDefault);
    expectRunnable(r);
    const sql = allSql(r);
    expect(sql).toContain("CHECK (price_lockstep_new IS NOT NULL) NOT VALID");
    expect(sql).toContain("ALTER TABLE products ALTER COLUMN price SET DEFAULT 0");
    await roundTripCase(cases.intToBigintNotNullDefault, engine);
  });

  it("a new type with a new default: the default is set with the type (the old one may not cast)", async () => {
    for (const c of [cases.newTypeNewDefault, cases.newTypeNewDefaultInPlace]) {
      const r = await planOf(c);
      expectRunnable(r);
      expect(r.changes.find((x) => x.kind === "set_default")?.reasons).toEqual(["set with the column's type change"]);
      await roundTripCase(c, engine);
    }
    // In place: the old default goes before the type change, the new one comes after it.
    const inPlace = (await planOf(cases.newTypeNewDefaultInPlace)).steps[0]!.up.filter((x) => !/lock_timeout/.test(x));
    expect(inPlace).toEqual([
      "ALTER TABLE events ALTER COLUMN kind DROP DEFAULT",
      "ALTER TABLE events ALTER COLUMN kind TYPE text USING kind::text",
      "ALTER TABLE events ALTER COLUMN kind SET DEFAULT 'none'::text",
    ]);
  });

  it("a primary key column cannot be swapped: changed in place, with USING, and says so", async () => {
    const r = await planOf(cases.intToBigintPrimaryKey);
    expectRunnable(r);
    expect(r.changes[0]!.reasons.join(" ")).toMatch(/primary key.*maintenance window/);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]!.up).toContain("ALTER TABLE events ALTER COLUMN id TYPE bigint USING id::bigint");
    expect(r.steps[0]!.down).toContain("ALTER TABLE events ALTER COLUMN id TYPE integer USING id::integer");
    await roundTripCase(cases.intToBigintPrimaryKey, engine);
  });

  it("a composite primary key is walked as a row: swapped with a batched cast, values kept", async () => {
    const r = await planOf(cases.compositeKey);
    expectRunnable(r);
    const backfill = r.steps.find((s) => s.phase === "backfill")!;
    expect(backfill.up[0]).toContain("WHERE (last_0 IS NULL OR (shop, sku) > (last_0, last_1))");
    const report = await roundTripCase(cases.compositeKey, engine);
    expect(report.rows.stock).toBe(3);
  });

  it("timestamp → timestamptz rewrites: swapped, and round-trips with rows", async () => {
    const r = await planOf(cases.timestampToTimestamptz);
    expectRunnable(r);
    expect(findingOf(r, "type-change-rewrite")?.severity).toBe("warning");
    await roundTripCase(cases.timestampToTimestamptz, engine);
  });

  it("quoted mixed-case names in a non-public schema", async () => {
    const r = await planOf(cases.quoted);
    expectRunnable(r);
    const sql = allSql(r);
    expect(sql).toContain('ALTER TABLE "Shop"."Items" ADD COLUMN "UnitPrice_lockstep_new" bigint');
    expect(sql).toContain('"UnitPrice_lockstep_new" = "UnitPrice"::bigint');
    await roundTripCase(cases.quoted, engine);
  });
});

describe("alter_column_type: an array into JSON", () => {
  it("jsonb[] → jsonb: to_jsonb of the array (no cast exists), and its elements back; rows survive both ways", async () => {
    const r = await planOf(cases.jsonArrayToJson);
    expectRunnable(r);
    expect(allSql(r)).toContain("tags_lockstep_new = to_jsonb(tags)");
    expect(allSql(r)).not.toMatch(/tags::jsonb\b/);
    expect(allSql(r, "down")).toContain("jsonb_array_elements");
    await roundTripCase(cases.jsonArrayToJson, engine);
  });
});

describe("alter_column_type: narrowing", () => {
  it("varchar(100) → varchar(20) is blocked as narrowing-type-change", async () => {
    const r = await planOf({
      before: products("integer"),
      after: products("integer").replace("varchar(100)", "varchar(20)"),
    });
    expect(r.verdict).toBe("BLOCK");
    expect(findingOf(r, "narrowing-type-change")?.severity).toBe("error");
    expect(r.changes[0]).toMatchObject({ risk: "breaking" });
    expect(r.changes[0]!.reasons.join(" ")).toMatch(/reject or truncate/);
  });

  it("bigint → integer and text → integer are blocked too", async () => {
    for (const [from, to] of [
      ["bigint", "integer"],
      ["text", "integer"],
      ["timestamptz", "date"],
    ]) {
      const r = await planOf({ before: products(from!), after: products(to!) });
      expect(r.verdict, `${from} → ${to}`).toBe("BLOCK");
      expect(findingOf(r, "narrowing-type-change"), `${from} → ${to}`).toBeDefined();
    }
  });

  it("confirmed, with values that fit: swapped with an explicit cast", async () => {
    const r = await planOf(cases.narrowWithConfirmation);
    expectRunnable(r);
    expect(findingOf(r, "narrowing-type-change")?.severity).toBe("warning");
    expect(allSql(r)).toContain("name_lockstep_new = name::character varying(20)");
    await roundTripCase(cases.narrowWithConfirmation, engine);
  });
});

serverRoundTrips(cases);

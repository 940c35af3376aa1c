import { describe, expect, it } from "vitest";
import { classifyTypeChange, type TypeChange } from "../../src/dialects/postgres/types.js";
import { usePglite } from "../helpers/plan-case.js";

const engine = usePglite();

/** [from, to, expected], types as format_type prints them. */
const CASES: readonly (readonly [string, string, TypeChange])[] = [
  // Relabels: no rewrite, no value can fail.
  ["character varying(100)", "character varying(200)", "coercible"],
  ["character varying(100)", "character varying(100)", "coercible"],
  ["character varying(100)", "character varying", "coercible"],
  ["character varying(100)", "text", "coercible"],
  ["character varying", "text", "coercible"],
  ["text", "character varying", "coercible"],
  ["numeric(10,2)", "numeric(12,2)", "coercible"],
  ["numeric(10,2)", "numeric", "coercible"],
  ["cidr", "inet", "coercible"],
  ["timestamp(3) with time zone", "timestamp with time zone", "coercible"],
  ["character varying(10)[]", "character varying[]", "coercible"],
  ["numeric(10,2)[]", "numeric[]", "coercible"],
  ["bit varying(8)", "bit varying(16)", "coercible"],
  // Every value fits, but the table is rewritten.
  ["integer", "bigint", "rewrite"],
  ["smallint", "integer", "rewrite"],
  ["smallint", "bigint", "rewrite"],
  ["integer", "numeric", "rewrite"],
  ["bigint", "numeric(20,0)", "rewrite"],
  ["real", "double precision", "rewrite"],
  ["integer", "double precision", "rewrite"],
  ["numeric(10,2)", "numeric(12,4)", "rewrite"],
  ["timestamp without time zone", "timestamp with time zone", "rewrite"],
  ["date", "timestamp with time zone", "rewrite"],
  ["json", "jsonb", "rewrite"],
  ["character(5)", "character(10)", "rewrite"],
  ["character(5)", "text", "rewrite"],
  ["uuid", "text", "rewrite"],
  ["inet", "text", "rewrite"],
  ["integer[]", "bigint[]", "rewrite"],
  // Arrays convert element by element: a rewrite even where one element alone would relabel.
  ["character varying(10)[]", "character varying(20)[]", "rewrite"],
  ["character varying[]", "text[]", "rewrite"],
  // Values can be rejected, truncated or rounded.
  ["character varying(100)", "character varying(50)", "narrowing"],
  ["character varying", "character varying(50)", "narrowing"],
  ["text", "character varying(255)", "narrowing"],
  ["bigint", "integer", "narrowing"],
  ["integer", "smallint", "narrowing"],
  ["integer", "numeric(5,0)", "narrowing"],
  ["double precision", "real", "narrowing"],
  ["numeric(12,2)", "numeric(10,2)", "narrowing"],
  ["numeric(10,4)", "numeric(10,2)", "narrowing"],
  ["numeric", "numeric(10,2)", "narrowing"],
  ["text", "integer", "narrowing"],
  ["timestamp with time zone", "date", "narrowing"],
  ["timestamp with time zone", "timestamp(0) with time zone", "narrowing"],
  ["jsonb", "json", "narrowing"],
  ["integer", "integer[]", "narrowing"],
  ["integer[]", "integer", "narrowing"],
  ["bigint[]", "integer[]", "narrowing"],
  ["character varying(20)[]", "character varying(10)[]", "narrowing"],
  ["text", "uuid", "narrowing"],
  ["boolean", "integer", "narrowing"],
];

describe("classifyTypeChange", () => {
  it("has a broad table", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    for (const kind of ["coercible", "rewrite", "narrowing"] as const)
      expect(CASES.filter((c) => c[2] === kind).length).toBeGreaterThanOrEqual(8);
  });

  it.each(CASES)("%s → %s is %s", (from, to, expected) => {
    expect(classifyTypeChange(from, to)).toBe(expected);
  });

  it("a widening one way is a narrowing the other way", () => {
    for (const [from, to, kind] of CASES)
      if (
        kind !== "narrowing" &&
        from !== to &&
        !(from === "text" && to === "character varying") &&
        !(from === "character varying" && to === "text")
      )
        expect(classifyTypeChange(to, from), `${to} → ${from}`).not.toBe("coercible");
  });
});

describe("classifyTypeChange against the engine", () => {
  it("what it calls coercible keeps the table's file; what it calls a rewrite replaces it", async () => {
    const db = await engine.fresh();
    try {
      // Not UTC: timestamp → timestamptz rewrites there (PostgreSQL 12+ skips it only in UTC).
      await db.exec("SET TimeZone = 'Europe/Paris'");
      const wrong: string[] = [];
      for (const [from, to, kind] of CASES) {
        if (kind === "narrowing") continue;
        await db.exec("DROP TABLE IF EXISTS probe");
        await db.exec(`CREATE TABLE probe (c ${from})`);
        await db.exec("INSERT INTO probe VALUES (NULL)");
        const file = async () => (await db.query<{ f: number }>("SELECT pg_relation_filenode('probe') AS f"))[0]!.f;
        const before = await file();
        await db.exec(`ALTER TABLE probe ALTER COLUMN c TYPE ${to} USING c::${to}`);
        const rewritten = (await file()) !== before;
        if (rewritten !== (kind === "rewrite")) wrong.push(`${from} → ${to}: ${rewritten ? "rewrites" : "no rewrite"}`);
      }
      expect(wrong).toEqual([]);
    } finally {
      await db.exec("RESET TimeZone");
      await db.close();
    }
  });
});

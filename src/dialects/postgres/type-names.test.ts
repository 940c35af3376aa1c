import { parseSync } from "libpg-query";
import { beforeAll, describe, expect, it } from "vitest";
import { initParser } from "./parse.js";
import { classifyTypeChange } from "./types.js";
import { isSerialType, typeNameOf } from "./type-names.js";

function typeOf(sql: string): unknown {
  const tree = parseSync(`CREATE TABLE t (c ${sql})`) as unknown as {
    stmts: { stmt: { CreateStmt: { tableElts: { ColumnDef: { typeName: unknown } }[] } } }[];
  };
  return tree.stmts[0]!.stmt.CreateStmt.tableElts[0]!.ColumnDef.typeName;
}

describe("typeNameOf", () => {
  beforeAll(() => initParser());
  it.each([
    ["int8", "bigint"],
    ["int4", "integer"],
    ["int", "integer"],
    ["smallint", "smallint"],
    ["varchar(10)", "character varying(10)"],
    ["character varying", "character varying"],
    ["char(3)", "character(3)"],
    ["timestamptz", "timestamp with time zone"],
    ["timestamp(3)", "timestamp(3) without time zone"],
    ["timestamp with time zone", "timestamp with time zone"],
    ["time", "time without time zone"],
    ["numeric(10,2)", "numeric(10,2)"],
    ["decimal", "numeric"],
    ["int[]", "integer[]"],
    ["text[][]", "text[]"],
    ["double precision", "double precision"],
    ["float4", "real"],
    ["bool", "boolean"],
    ["bit varying(5)", "bit varying(5)"],
    ["public.mood", "mood"],
    ["billing.status", "billing.status"],
    ["jsonb", "jsonb"],
    ["interval", "interval"],
    ["bigserial", "bigint"],
  ])("%s → %s", (written, expected) => {
    expect(typeNameOf(typeOf(written))).toBe(expected);
  });

  it("feeds classifyTypeChange", () => {
    expect(classifyTypeChange("character varying(50)", typeNameOf(typeOf("varchar(200)")))).toBe("coercible");
    expect(classifyTypeChange("character varying(50)", typeNameOf(typeOf("varchar(10)")))).toBe("narrowing");
    expect(classifyTypeChange("integer", typeNameOf(typeOf("int8")))).toBe("rewrite");
  });

  it("knows serial types", () => {
    expect(isSerialType(typeOf("bigserial"))).toBe(true);
    expect(isSerialType(typeOf("serial4"))).toBe(true);
    expect(isSerialType(typeOf("bigint"))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { operatorClass } from "./ddl.js";
import { foreignKeyName, indexName, primaryKeyName, truncateBytes, uniqueIndexName } from "./names.js";
import { lineColumn } from "./wasm.js";

describe("Prisma's default constraint names", () => {
  it("table_columns_suffix, from database names", () => {
    expect(primaryKeyName("users")).toBe("users_pkey");
    expect(uniqueIndexName("User", ["email"])).toBe("User_email_key");
    expect(indexName("Post", ["authorId", "createdAt"])).toBe("Post_authorId_createdAt_idx");
    expect(foreignKeyName("Post", ["authorId"])).toBe("Post_authorId_fkey");
  });

  it("past 63 bytes, the table_columns part is cut and the suffix kept", () => {
    const long = "a".repeat(70);
    expect(primaryKeyName(long)).toBe(`${"a".repeat(58)}_pkey`);
    expect(uniqueIndexName("t", [long])).toBe(`t_${"a".repeat(57)}_key`);
    expect(indexName("t", [long])).toHaveLength(63);
    expect(foreignKeyName("t", [long])).toBe(`t_${"a".repeat(56)}_fkey`);
  });

  it("cuts at a character boundary, counting UTF-8 bytes", () => {
    expect(truncateBytes("é".repeat(40))).toBe("é".repeat(31));
    expect(primaryKeyName("ü".repeat(40))).toBe(`${"ü".repeat(29)}_pkey`);
    expect(primaryKeyName(`${"x".repeat(57)}ü`)).toBe(`${"x".repeat(57)}_pkey`);
  });
});

describe("Prisma operator classes", () => {
  it("become PostgreSQL's names", () => {
    expect(operatorClass("JsonbPathOps")).toBe("jsonb_path_ops");
    expect(operatorClass("ArrayOps")).toBe("array_ops");
    expect(operatorClass("Int4MinMaxMultiOps")).toBe("int4_minmax_multi_ops");
    expect(operatorClass("TimestampTzBloomOps")).toBe("timestamptz_bloom_ops");
    expect(operatorClass("VarBitMinMaxOps")).toBe("varbit_minmax_ops");
    expect(operatorClass("text_pattern_ops")).toBe("text_pattern_ops");
  });
});

describe("lineColumn", () => {
  it("turns a UTF-8 byte offset into a 1-based line and column", () => {
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    // "é" is two bytes but one column.
    expect(lineColumn("// é\nmodel X", 9)).toEqual({ line: 2, column: 4 });
  });
});

import { describe, expect, it } from "vitest";
import { emptySchema, type Schema, type Table } from "./model.js";
import { printDifferences, schemaPrint } from "./schema-print.js";

const column = (name: string, type = "text") => ({ name, type, notNull: false });
const table = (name: string, columns: string[]): Table => ({
  schema: "public",
  name,
  columns: columns.map((c) => column(c)),
  uniques: [],
  foreignKeys: [],
  checks: [],
  exclusions: [],
  indexes: [],
});
const schema = (...tables: Table[]): Schema => ({ ...emptySchema, tables });

describe("schemaPrint", () => {
  it("is the same for the same schema, whatever the order of columns or tables", () => {
    const a = schemaPrint(schema(table("users", ["id", "name"]), table("tags", ["id"])));
    const b = schemaPrint(schema(table("tags", ["id"]), table("users", ["name", "id"])));
    expect(a.hash).toBe(b.hash);
    expect(printDifferences(a, b)).toEqual([]);
    expect(Object.keys(a.objects)).toEqual(["extensions", "namespaces", "table tags", "table users"]);
  });

  it("names each table added, gone or changed", () => {
    const before = schemaPrint(schema(table("users", ["id", "name"]), table("tags", ["id"])));
    const after = schemaPrint(
      schema({ ...table("users", ["id"]), columns: [column("id", "bigint")] }, table("extra", ["id"])),
    );
    expect(after.hash).not.toBe(before.hash);
    expect(printDifferences(before, after)).toEqual([
      "table tags is gone",
      "table users changed",
      "table extra is new",
    ]);
  });

  it("tells a changed enum or extension apart from tables", () => {
    const base: Schema = { ...emptySchema, enums: [{ schema: "public", name: "mood", values: ["ok"] }] };
    const more: Schema = {
      ...base,
      enums: [{ schema: "public", name: "mood", values: ["ok", "sad"] }],
      extensions: ["citext"],
    };
    expect(printDifferences(schemaPrint(base), schemaPrint(more))).toEqual(["enum mood changed", "extensions changed"]);
  });
});

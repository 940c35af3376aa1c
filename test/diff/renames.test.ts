import { describe, expect, it } from "vitest";
import { parseRenames } from "../../src/diff/renames.js";
import type { Schema, Table } from "../../src/schema/model.js";
import { emptySchema } from "../../src/schema/model.js";
import { InputError } from "../../src/util/errors.js";

const table = (schema: string, name: string, columns: string[]): Table => ({
  schema,
  name,
  columns: columns.map((c) => ({ name: c, type: "text", notNull: false })),
  uniques: [],
  foreignKeys: [],
  checks: [],
  exclusions: [],
  indexes: [],
});

const from: Schema = {
  ...emptySchema,
  namespaces: ["billing"],
  tables: [table("public", "users", ["id", "name"]), table("billing", "invoices", ["id", "total"])],
};

describe("parseRenames", () => {
  it("table.column=new is a column rename when the table has that column", () => {
    const r = parseRenames(["users.name=full_name"], [], from);
    expect(r.tables.size).toBe(0);
    expect(r.columns.get("public.users")?.get("name")).toBe("full_name");
  });

  it("old=new is a table rename in public", () => {
    const r = parseRenames(["users=accounts"], [], from);
    expect(r.tables.get("public.users")).toEqual({ schema: "public", name: "accounts" });
  });

  it("schema.old=new is a table rename in that schema", () => {
    const r = parseRenames(["billing.invoices=bills"], [], from);
    expect(r.tables.get("billing.invoices")).toEqual({ schema: "billing", name: "bills" });
  });

  it("schema.table.column=new is a column rename in that schema", () => {
    const r = parseRenames(["billing.invoices.total=amount"], [], from);
    expect(r.columns.get("billing.invoices")?.get("total")).toBe("amount");
  });

  it("a column rename on a renamed table is keyed by the table's new name", () => {
    const r = parseRenames(["users=accounts", "users.name=full_name"], [], from);
    expect(r.columns.get("public.accounts")?.get("name")).toBe("full_name");
    expect(r.columns.has("public.users")).toBe(false);
  });

  it("--not-renamed pairs are kept with their table", () => {
    const r = parseRenames([], ["users.name=full_name", "billing.invoices.total=amount"], from);
    expect([...r.distinct].sort()).toEqual(["billing.invoices.total=amount", "public.users.name=full_name"]);
  });

  it.each([
    ["no equals sign", "users.name"],
    ["two equals signs", "users.name=a=b"],
    ["an unknown table", "people=persons"],
    ["an unknown column on an unknown table", "people.name=full_name"],
  ])("rejects %s with an InputError", (_, spec) => {
    expect(() => parseRenames([spec], [], from)).toThrow(InputError);
  });

  it("rejects a --not-renamed without a table", () => {
    expect(() => parseRenames([], ["name=full_name"], from)).toThrow(/--not-renamed/);
  });
});

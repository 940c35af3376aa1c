import { beforeAll, describe, expect, it } from "vitest";
import { initParser, parseSql } from "../dialects/postgres/parse.js";
import { emptySchema, type Schema, type Table } from "../schema/model.js";
import { touchedBy } from "./touched.js";

beforeAll(initParser);

const table = (name: string, extra: Partial<Table> = {}): Table => ({
  schema: "public",
  name,
  columns: [{ name: "id", type: "bigint", notNull: true }],
  uniques: [],
  foreignKeys: [],
  checks: [],
  exclusions: [],
  indexes: [],
  ...extra,
});

const before: Schema = {
  ...emptySchema,
  tables: [
    table("users", {
      indexes: [{ name: "users_email_idx", unique: false, method: "btree", keys: ["email"], definition: "" }],
    }),
    table("orders", {
      foreignKeys: [
        {
          name: "orders_user_fk",
          columns: ["user_id"],
          references: { schema: "public", name: "users" },
          referencedColumns: ["id"],
          onDelete: "NO ACTION",
          onUpdate: "NO ACTION",
          deferrable: false,
          initiallyDeferred: false,
          validated: true,
          definition: "",
        },
      ],
    }),
    table("logs"),
    table("items", {
      foreignKeys: [
        {
          name: "items_order_fk",
          columns: ["order_id"],
          references: { schema: "public", name: "orders" },
          referencedColumns: ["id"],
          onDelete: "CASCADE",
          onUpdate: "NO ACTION",
          deferrable: false,
          initiallyDeferred: false,
          validated: true,
          definition: "",
        },
      ],
    }),
  ],
};

const touched = (sql: string) => {
  const t = touchedBy(parseSql(sql), before);
  return t && { tables: [...t.tables].sort(), globals: t.globals };
};

describe("touchedBy", () => {
  it("names the tables a migration creates, alters or indexes, and the tables referencing them (one level)", () => {
    expect(
      touched("CREATE TABLE a (id int); CREATE INDEX a_idx ON a (id); ALTER TABLE users ADD COLUMN x int;"),
    ).toEqual({ tables: ["public.a", "public.orders", "public.users"], globals: false });
    expect(touched("ALTER TABLE billing.invoices ADD COLUMN x int")?.tables).toEqual(["billing.invoices"]);
  });

  it("finds the table of an index by its name, the new name of a renamed table, and DML targets", () => {
    expect(touched("ALTER INDEX users_email_idx RENAME TO users_mail_idx")?.tables).toEqual([
      "public.orders",
      "public.users",
    ]);
    expect(touched("CREATE INDEX l_idx ON logs (id); DROP INDEX l_idx;")?.tables).toEqual(["public.logs"]);
    expect(touched("ALTER TABLE logs RENAME TO events")?.tables).toEqual(["public.events", "public.logs"]);
    expect(touched("UPDATE logs SET id = abs(id); SELECT 1")?.tables).toEqual(["public.logs"]);
  });

  it("marks enum, sequence and schema statements as touching globals", () => {
    expect(touched("CREATE TYPE mood AS ENUM ('a'); ALTER TYPE mood ADD VALUE 'b'")).toEqual({
      tables: [],
      globals: true,
    });
    expect(touched("CREATE SEQUENCE s")?.globals).toBe(true);
  });

  it("gives up (the whole database is read) on statements it cannot scope", () => {
    expect(touched("DO $$ BEGIN EXECUTE 'DROP TABLE logs'; END $$")).toBeUndefined();
    expect(touched("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'")).toBeUndefined();
    expect(touched("DROP TABLE users CASCADE")).toBeUndefined();
    expect(touched("DROP INDEX unknown_idx")).toBeUndefined();
    expect(touched("SET search_path = billing")).toBeUndefined();
    expect(touched("SELECT setval('s', 10)")).toBeUndefined();
  });
});

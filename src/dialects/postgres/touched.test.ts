import { beforeAll, describe, expect, it } from "vitest";
import { initParser, parseSql } from "./parse.js";
import { testSchema, testTable } from "../../lint/testing.js";
import type { ForeignKey } from "../../schema/model.js";
import { touchedBy } from "./touched.js";

beforeAll(initParser);

/** A foreign key to `table`: all the scope needs is what it references. */
const fkTo = (table: string): ForeignKey => ({
  name: `fk_${table}`,
  columns: [`${table}_id`],
  references: { schema: "public", name: table },
  referencedColumns: ["id"],
  onDelete: "CASCADE",
  onUpdate: "NO ACTION",
  deferrable: false,
  initiallyDeferred: false,
  validated: true,
  definition: "",
});

const before = testSchema([
  testTable(
    "users",
    { id: "bigint" },
    { indexes: [{ name: "users_email_idx", unique: false, method: "btree", keys: ["email"], definition: "" }] },
  ),
  testTable("orders", { id: "bigint" }, { foreignKeys: [fkTo("users")] }),
  testTable("logs", { id: "bigint" }),
  testTable("items", { id: "bigint" }, { foreignKeys: [fkTo("orders")] }),
]);

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

import { beforeAll, describe, expect, it } from "vitest";
import type { Column, Schema } from "../../../schema/model.js";
import { column as anyColumn, index, schema, table } from "../../../schema/testing.js";
import { alignToDatabase } from "./align.js";
import { postgres } from "../../../dialects/postgres/index.js";

/** Required unless said otherwise, as Prisma's fields are. */
const column = (name: string, type: string, extra: Partial<Column> = {}) =>
  anyColumn(name, type, { notNull: true, ...extra });

describe("alignToDatabase: what Prisma does not model or tell apart stays as the database has it", () => {
  beforeAll(() => postgres.ready());

  it("keeps the database's enum order and appends new values", () => {
    const current = schema({ enums: [{ schema: "public", name: "e", values: ["b", "a"] }] });
    const desired = schema({ enums: [{ schema: "public", name: "e", values: ["c", "a", "b"] }] });
    const aligned = alignToDatabase(current, desired, {
      managesExtensions: false,
      indexColumns: postgres.indexColumns,
    });
    expect(aligned.enums[0]!.values).toEqual(["b", "a", "c"]);
  });

  it("keeps unmanaged extensions, drops them when the schema manages extensions", () => {
    const current = schema({ extensions: ["pgcrypto"] });
    expect(
      alignToDatabase(current, schema({}), { managesExtensions: false, indexColumns: postgres.indexColumns })
        .extensions,
    ).toEqual(["pgcrypto"]);
    expect(
      alignToDatabase(current, schema({}), { managesExtensions: true, indexColumns: postgres.indexColumns }).extensions,
    ).toEqual([]);
  });

  it("keeps CHECK constraints, a UNIQUE constraint for Prisma's unique index, equivalent defaults", () => {
    const unique = { name: "t_a_key", columns: ["a"], definition: "UNIQUE (a)" };
    const check = { name: "t_a_check", definition: "CHECK ((a > 0))", validated: true };
    const current = schema({
      tables: [
        table({
          columns: [
            column("a", "integer", { default: "'-1'::integer" }),
            column("at", "timestamp(3) without time zone", { default: "now()" }),
            column("tags", "text[]", { default: "'{}'::text[]" }),
          ],
          uniques: [unique],
          checks: [check],
        }),
      ],
    });
    const index = {
      name: "t_a_key",
      unique: true,
      method: "btree",
      keys: ["a"],
      definition: "CREATE UNIQUE INDEX t_a_key ON public.t USING btree (a)",
    };
    const desired = schema({
      tables: [
        table({
          columns: [
            column("a", "integer", { default: "-1" }),
            column("at", "timestamp(3) without time zone", { default: "CURRENT_TIMESTAMP" }),
            column("tags", "text[]", { notNull: false, default: "ARRAY[]::text[]" }),
          ],
          indexes: [index],
        }),
      ],
    });
    const t = alignToDatabase(current, desired, { managesExtensions: false, indexColumns: postgres.indexColumns })
      .tables[0]!;
    expect(t.columns).toEqual(current.tables[0]!.columns);
    expect(t.uniques).toEqual([unique]);
    expect(t.indexes).toEqual([]);
    expect(t.checks).toEqual([check]);
  });

  it("keeps partial and expression indexes Prisma does not see, and generated columns; drops other unknown indexes", () => {
    const current = schema({
      tables: [
        table({
          columns: [
            column("title", "text"),
            column("search", "tsvector", { generated: "to_tsvector('simple'::regconfig, title)" }),
          ],
          indexes: [
            index("t_live_key", ["title"], { unique: true, predicate: "(title IS NOT NULL)" }),
            index("t_lower_idx", ["lower(title)"]),
            index("t_title_idx", ["title"]),
          ],
        }),
      ],
    });
    const desired = schema({
      tables: [table({ columns: [column("title", "text"), column("search", "tsvector", { notNull: false })] })],
    });
    const aligned = alignToDatabase(current, desired, { managesExtensions: false, indexColumns: postgres.indexColumns })
      .tables[0]!;
    expect(aligned.indexes.map((i) => i.name)).toEqual(["t_live_key", "t_lower_idx"]);
    expect(aligned.columns[1]!.generated).toBe("to_tsvector('simple'::regconfig, title)");
  });

  it("keeps every index alike to a desired one when there are several (Prisma pairs indexes by definition)", () => {
    const current = schema({
      tables: [
        table({
          columns: [column("email", "text")],
          indexes: [
            index("User_email_key", ['"email"'], { unique: true }),
            index("t_email_key", ['"email"'], { unique: true }),
          ],
        }),
      ],
    });
    const desired = (name: string) =>
      schema({
        tables: [table({ columns: [column("email", "text")], indexes: [index(name, ['"email"'], { unique: true })] })],
      });
    const names = (d: Schema) =>
      alignToDatabase(current, d, {
        managesExtensions: false,
        indexColumns: postgres.indexColumns,
      }).tables[0]!.indexes.map((i) => i.name);
    expect(names(desired("t_email_key"))).toEqual(["User_email_key", "t_email_key"]);
    // Alone, an index of another name is Prisma's rename; another definition is a new index.
    const single = schema({ tables: [table({ ...current.tables[0]!, indexes: [current.tables[0]!.indexes[0]!] })] });
    expect(
      alignToDatabase(single, desired("t_email_key"), {
        managesExtensions: false,
        indexColumns: postgres.indexColumns,
      }).tables[0]!.indexes.map((i) => i.name),
    ).toEqual(["t_email_key"]);
  });

  it("a different default or type is a change", () => {
    const current = schema({ tables: [table({ columns: [column("a", "integer", { default: "1" })] })] });
    const desired = schema({ tables: [table({ columns: [column("a", "integer", { default: "2" })] })] });
    expect(
      alignToDatabase(current, desired, { managesExtensions: false, indexColumns: postgres.indexColumns }),
    ).toEqual(desired);
  });
});

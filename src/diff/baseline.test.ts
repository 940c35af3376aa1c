import { beforeAll, describe, expect, it } from "vitest";
import { initParser } from "../dialects/postgres/parse.js";
import type { ForeignKey, Schema, Table } from "../schema/model.js";
import { column, index, schema as anySchema, table as anyTable } from "../schema/testing.js";
import { desiredOnBaseline } from "./baseline.js";
import { postgres } from "../dialects/postgres/index.js";

/** `public.t` with an integer key, unless `parts` says otherwise. */
const table = (parts: Partial<Table>): Table =>
  anyTable({
    columns: [column("id", "integer", { notNull: true })],
    primaryKey: { name: "t_pkey", columns: ["id"] },
    ...parts,
  });
const schema = (...tables: Table[]): Schema => anySchema({ tables });

describe("desiredOnBaseline: only what the model changed since the baseline is planned", () => {
  // Index columns are read from their expressions by the SQL parser.
  beforeAll(initParser);

  it("keeps what the database has and neither model names: a hand-written index, table, schema", () => {
    const trigram = index("t_title_trgm", ["title gin_trgm_ops"], { method: "gin" });
    const audit = table({ name: "audit", primaryKey: undefined });
    const database = {
      ...schema(table({ columns: [column("title")], indexes: [trigram] }), audit),
      namespaces: ["ops"],
    };
    const baseline = schema(table({ columns: [column("title")] }));
    const model = schema(table({ columns: [column("title"), column("slug")] }));
    const desired = desiredOnBaseline(database, baseline, model, postgres);
    expect(desired.namespaces).toEqual(["ops"]);
    expect(desired.tables.map((t) => t.name)).toEqual(["t", "audit"]);
    expect(desired.tables[0]!.indexes).toEqual([trigram]);
    expect(desired.tables[0]!.columns.map((c) => c.name)).toEqual(["title", "slug"]);
  });

  it("keeps the database's version of what the model left as the baseline had it; takes the model's changes", () => {
    const database = schema(
      table({
        columns: [column("a", "text", { default: "'x'::text" }), column("b", "text", { default: "'y'::text" })],
      }),
    );
    const baseline = schema(table({ columns: [column("a"), column("b")] }));
    const model = schema(table({ columns: [column("a"), column("b", "text", { default: "'z'::text" })] }));
    const [t] = desiredOnBaseline(database, baseline, model, postgres).tables;
    expect(t!.columns.map((c) => c.default)).toEqual(["'x'::text", "'z'::text"]);
  });

  it("drops what the model dropped since the baseline, even where the database differs", () => {
    const database = schema(
      table({ columns: [column("a", "text", { default: "'x'::text" })], indexes: [index("t_a_idx", ['"a"'])] }),
    );
    const baseline = schema(table({ columns: [column("a")], indexes: [index("t_a_idx", ['"a"'])] }));
    const model = schema(table({}));
    const [t] = desiredOnBaseline(database, baseline, model, postgres).tables;
    expect(t!.columns.map((c) => c.name)).toEqual(["id"]);
    expect(t!.indexes).toEqual([]);
  });

  it("matches indexes by definition: a name PostgreSQL truncated, or several alike, are the model's index", () => {
    const keys = ['"a"', '"b"'];
    const database = schema(
      table({ indexes: [index("t_a_b_long_name_truncated_by_postgre", keys), index("t_a_b_copy", keys)] }),
    );
    const baseline = schema(table({ indexes: [index("t_a_b_idx", keys)] }));
    const [t] = desiredOnBaseline(database, baseline, baseline, postgres).tables;
    expect(t!.indexes.map((i) => i.name)).toEqual(["t_a_b_long_name_truncated_by_postgre", "t_a_b_copy"]);
  });

  it("a primary key the model left alone stays as the database has it (a unique index instead, say)", () => {
    const database = schema(table({ primaryKey: undefined, indexes: [index("t_id_key", ['"id"'], { unique: true })] }));
    const baseline = schema(table({}));
    const [kept] = desiredOnBaseline(database, baseline, baseline, postgres).tables;
    expect(kept!.primaryKey).toBeUndefined();
    expect(kept!.indexes.map((i) => i.name)).toEqual(["t_id_key"]);
    const changed = schema(table({ primaryKey: { name: "t_pkey", columns: ["id", "x"] } }));
    expect(desiredOnBaseline(database, baseline, changed, postgres).tables[0]!.primaryKey).toEqual(
      changed.tables[0]!.primaryKey,
    );
  });

  it("what the model kept and the migrations never made: structure is made, constraints on old columns are not", () => {
    const fk = (name: string, col: string): ForeignKey => ({
      name,
      columns: [col],
      references: { schema: "public", name: "u" },
      referencedColumns: ["id"],
      onDelete: "RESTRICT",
      onUpdate: "CASCADE",
      deferrable: false,
      initiallyDeferred: false,
      validated: true,
      definition: `FOREIGN KEY (${col}) REFERENCES u(id)`,
    });
    const withParts = table({
      columns: [column("id", "integer"), column("a"), column("b")],
      foreignKeys: [fk("t_a_fkey", "a"), fk("t_b_fkey", "b")],
      indexes: [index("t_a_idx", ['"a"']), index("t_b_idx", ['"b"'])],
    });
    const baseline = schema(withParts, table({ name: "never_made" }));
    const database = schema(table({ columns: [column("id", "integer"), column("a")] }));
    const desired = desiredOnBaseline(database, baseline, baseline, postgres);
    expect(desired.tables.map((t) => t.name)).toEqual(["t", "never_made"]);
    const [t] = desired.tables;
    expect(t!.columns.map((c) => c.name)).toEqual(["id", "a", "b"]);
    // Dropped by hand on a column the database has: left so. On the column being made: made with it.
    expect(t!.foreignKeys.map((f) => f.name)).toEqual(["t_b_fkey"]);
    expect(t!.indexes.map((i) => i.name)).toEqual(["t_b_idx"]);
  });
});

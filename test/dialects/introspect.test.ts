import { afterAll, describe, expect, it } from "vitest";
import { introspect } from "../../src/dialects/postgres/introspect.js";
import { PgliteEngine, shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { PostgresEngine } from "../../src/dialects/postgres/engines/server.js";
import { findTable } from "../../src/schema/model.js";
import { SERVER_URL, TEST_CACHE } from "../support.js";

afterAll(shutdownPglite);

const SCHEMA = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE SCHEMA billing;
CREATE SEQUENCE invoice_numbers START 100 INCREMENT 5;
CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  n serial,
  email text NOT NULL UNIQUE,
  nick varchar(30) COLLATE "C",
  m mood DEFAULT 'ok',
  token uuid DEFAULT gen_random_uuid(),
  total numeric(10,2) CHECK (total >= 0),
  doubled int GENERATED ALWAYS AS (n * 2) STORED,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE billing.invoices (
  id int PRIMARY KEY,
  user_id bigint REFERENCES users (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  number int NOT NULL,
  EXCLUDE USING btree (number WITH =)
);
ALTER TABLE billing.invoices ADD CONSTRAINT invoices_number_positive CHECK (number > 0) NOT VALID;
CREATE INDEX users_lower_email_idx ON users (lower(email) DESC) WHERE email IS NOT NULL;
CREATE INDEX users_nick_trgm_idx ON users USING gin (nick gin_trgm_ops);
`;

const engines = [
  ["PGlite", () => new PgliteEngine({ cacheDir: TEST_CACHE, extensions: ["pg_trgm"] })],
  ...(SERVER_URL ? [["PostgreSQL server", () => new PostgresEngine(SERVER_URL!)] as const] : []),
] as const;

describe.each(engines)("introspect on %s", (_name, make) => {
  const engine = make();
  afterAll(() => engine.close());

  it("reads every part of the model", async () => {
    const db = await engine.fresh();
    await db.exec(SCHEMA);
    const s = await introspect(db);
    expect(s.namespaces).toEqual(["billing"]);
    expect(s.extensions).toEqual(["pg_trgm"]);
    expect(s.enums).toEqual([{ schema: "public", name: "mood", values: ["sad", "ok", "happy"] }]);
    // Sequences owned by serial columns carry their owner; identity sequences are not listed.
    expect(s.sequences.map((q) => [q.name, q.start, q.increment, q.ownedBy?.column])).toEqual([
      ["invoice_numbers", "100", "5", undefined],
      ["users_n_seq", "1", "1", "n"],
    ]);
    const users = findTable(s, { schema: "public", name: "users" })!;
    const col = (name: string) => users.columns.find((c) => c.name === name)!;
    expect(col("id")).toMatchObject({ type: "bigint", notNull: true, identity: "always" });
    expect(col("n")).toMatchObject({ type: "integer", ownedSequence: { name: "users_n_seq" }, volatileDefault: true });
    expect(col("nick")).toMatchObject({ type: "character varying(30)", collation: "C" });
    expect(col("m").default).toBe("'ok'::mood");
    expect(col("token").volatileDefault).toBe(true);
    expect(col("created_at").volatileDefault).toBeUndefined();
    expect(col("doubled").generated).toBe("(n * 2)");
    expect(users.primaryKey).toEqual({ name: "users_pkey", columns: ["id"] });
    expect(users.uniques).toEqual([{ name: "users_email_key", columns: ["email"], definition: "UNIQUE (email)" }]);
    expect(users.checks).toEqual([
      { name: "users_total_check", definition: "CHECK ((total >= (0)::numeric))", validated: true },
    ]);
    const idx = users.indexes.find((i) => i.name === "users_lower_email_idx")!;
    expect(idx).toMatchObject({ unique: false, method: "btree", predicate: "(email IS NOT NULL)" });
    expect(idx.definition).toContain("DESC");
    expect(users.indexes.find((i) => i.name === "users_nick_trgm_idx")?.method).toBe("gin");

    const inv = findTable(s, { schema: "billing", name: "invoices" })!;
    expect(inv.foreignKeys[0]).toMatchObject({
      columns: ["user_id"],
      references: { schema: "public", name: "users" },
      referencedColumns: ["id"],
      onDelete: "CASCADE",
      onUpdate: "NO ACTION",
      deferrable: true,
      initiallyDeferred: true,
      validated: true,
    });
    expect(inv.checks).toEqual([
      { name: "invoices_number_positive", definition: "CHECK ((number > 0))", validated: false },
    ]);
    expect(inv.exclusions).toHaveLength(1);
    // Constraint-owned indexes live with their constraints, not in `indexes`.
    expect(inv.indexes).toEqual([]);
  });

  it("an empty database reads as the empty schema", async () => {
    const db = await engine.fresh();
    expect(await introspect(db)).toEqual({ namespaces: [], extensions: [], enums: [], sequences: [], tables: [] });
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { introspect } from "../dialects/postgres/introspect.js";
import { PgliteEngine, shutdownPglite } from "../dialects/postgres/engines/pglite.js";
import { executeSql } from "../sources/execute.js";
import { TEST_CACHE } from "../../test/support.js";
import { seedTables } from "./seed.js";
import { postgres } from "../dialects/postgres/index.js";

afterAll(shutdownPglite);

const SCHEMA = `
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region char(2) NOT NULL,
  code varchar(8) NOT NULL UNIQUE,
  balance numeric(5,2) NOT NULL CHECK (balance >= 0),
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  feeling mood NOT NULL,
  external uuid NOT NULL UNIQUE,
  tags text[] NOT NULL,
  meta jsonb NOT NULL,
  blob bytea,
  active boolean NOT NULL,
  opened date NOT NULL,
  seen timestamptz NOT NULL,
  ip inet,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE members (
  account_id bigint NOT NULL REFERENCES accounts (id),
  region char(2) NOT NULL,
  n integer NOT NULL,
  manager_n integer,
  PRIMARY KEY (account_id, n)
);
CREATE TABLE notes (
  id serial PRIMARY KEY,
  account_id bigint NOT NULL,
  member_account bigint,
  member_n integer,
  body text,
  FOREIGN KEY (member_account, member_n) REFERENCES members (account_id, n)
);
CREATE TABLE flags (on_off boolean PRIMARY KEY);
CREATE TABLE impossible (n integer NOT NULL CHECK (n < 0));
`;

describe("seedTables", () => {
  it("fills every table it can with valid rows, parents first, and notes the rest", async () => {
    const db = await new PgliteEngine({ cacheDir: TEST_CACHE }).fresh();
    await executeSql(db, SCHEMA, { file: "schema.sql" }, false, postgres);
    const schema = await introspect(db);
    const notes = await seedTables(db, schema, schema.tables, 50, postgres);
    const count = async (t: string) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`))[0]!.n);
    expect(await count("accounts")).toBe(50);
    expect(await count("members")).toBe(50);
    expect(await count("notes")).toBe(50);
    // A boolean primary key holds two values at most: fewer rows, not none.
    expect(await count("flags")).toBe(1);
    expect(await count("impossible")).toBe(0);
    expect(notes).toEqual([{ table: "impossible", reason: expect.stringContaining("impossible_n_check") }]);
    const [row] = await db.query<{ status: string; feeling: string; code: string }>(
      "SELECT status, feeling::text, code FROM accounts ORDER BY id LIMIT 1",
    );
    expect(row).toEqual({ status: "open", feeling: "happy", code: "v1" });
    // Every composite foreign key points at an existing member.
    const orphans = await db.query(
      "SELECT 1 FROM notes n LEFT JOIN members m ON m.account_id = n.member_account AND m.n = n.member_n WHERE m.n IS NULL",
    );
    expect(orphans).toEqual([]);
    await db.close();
  });
});

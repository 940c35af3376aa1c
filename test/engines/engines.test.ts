import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { EngineError, redactUrl } from "../../src/engines/engine.js";
import { PgliteEngine, shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { PostgresEngine } from "../../src/dialects/postgres/engines/server.js";
import { initParser } from "../../src/dialects/postgres/parse.js";
import { executeUnits } from "../../src/sources/execute.js";
import { SERVER_URL, TEST_CACHE } from "../support.js";
import { postgres } from "../../src/dialects/postgres/index.js";

afterAll(shutdownPglite);

const engines = [
  ["PGlite", () => new PgliteEngine({ cacheDir: TEST_CACHE })],
  ...(SERVER_URL ? [["PostgreSQL server", () => new PostgresEngine(SERVER_URL!)] as const] : []),
] as const;

describe.each(engines)("%s engine", (_name, make) => {
  const engine = make();
  afterAll(() => engine.close());

  it("gives an empty database, and reset empties it again", async () => {
    const db = await engine.fresh();
    await db.exec(
      "CREATE SCHEMA app; CREATE TABLE app.t (id int); CREATE TABLE t (id int); CREATE TYPE mood AS ENUM ('a')",
    );
    await db.reset();
    const rows = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'",
    );
    expect(rows[0]!.n).toBe(0);
    expect(db.serverVersion).toBeGreaterThanOrEqual(150000);
  });

  it("builds a 2,000-table declarative schema and empties it again: no transaction takes all their locks", async () => {
    await initParser();
    const db = await engine.fresh();
    const tables = Array.from(
      { length: 2000 },
      (_, i) =>
        `CREATE TABLE t${i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text${i ? `, parent_id bigint REFERENCES t${i - 1} (id)` : ""});\nCREATE INDEX t${i}_name_idx ON t${i} (name);`,
    );
    // In one transaction: 12,000 locks (table, sequence, key, index, TOAST table and index): out of shared memory.
    await executeUnits(db, [{ text: tables.join("\n"), origin: { file: "schema.sql" }, mode: "grouped" }], postgres);
    const count = async () =>
      (
        await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'",
        )
      )[0]!.n;
    expect(await count()).toBe(2000);
    await db.reset();
    expect(await count()).toBe(0);
    await db.close();
  }, 300_000);

  it("reports the SQLSTATE and the 1-based position of an error", async () => {
    const db = await engine.fresh();
    const err = await db.exec("SELECT nosuchcolumn FROM pg_class").catch((e) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err.code).toBe("42703");
    expect(err.position).toBe(8);
  });

  it("runs CREATE INDEX CONCURRENTLY outside a transaction and refuses it inside one", async () => {
    const db = await engine.fresh();
    await db.exec("CREATE TABLE t (id int)");
    await db.exec("CREATE INDEX CONCURRENTLY t_id_idx ON t (id)");
    await db.exec("BEGIN");
    const err = await db.exec("CREATE INDEX CONCURRENTLY t_id2_idx ON t (id)").catch((e) => e);
    await db.exec("ROLLBACK");
    expect(err.code).toBe("25001");
  });
});

describe.skipIf(!SERVER_URL)("PostgreSQL server engine: owns its databases only", () => {
  it("creates lockstep_tmp_ databases and drops them on close", async () => {
    const engine = new PostgresEngine(SERVER_URL!);
    const db = await engine.fresh();
    const [row] = await db.query<{ name: string }>("SELECT current_database() AS name");
    const name = row!.name;
    expect(name).toMatch(/^lockstep_tmp_/);
    await engine.close();
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    const left = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });
});

describe("redactUrl", () => {
  it("hides passwords", () => {
    expect(redactUrl("postgres://me:secret@host:5432/db")).toBe("postgres://me:***@host:5432/db");
    expect(redactUrl("postgres://host/db")).toBe("postgres://host/db");
  });
});

import pg from "pg";
import { type Database, redactUrl, toEngineError, UnreachableServerError } from "../../../engines/engine.js";
import type { Schema } from "../../../schema/model.js";
import { introspect } from "../introspect.js";

/** The schema of the database at `url`, read in a read-only session: Lockstep never writes there. */
export async function readDatabase(url: string): Promise<Schema> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new UnreachableServerError(redactUrl(url), (err as Error).message);
  }
  try {
    // Read only: Lockstep never writes to a database it did not create.
    await client.query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
    const db: Database = {
      serverVersion: 0,
      exec: async (sql) => void (await client.query(sql).catch((e) => Promise.reject(toEngineError(e)))),
      query: async (sql, params) =>
        (await client.query(sql, params as unknown[]).catch((e) => Promise.reject(toEngineError(e)))).rows,
      reset: async () => {
        throw new Error("a database given by URL is read only");
      },
      close: async () => {},
    };
    return await introspect(db);
  } finally {
    await client.end().catch(() => {});
  }
}

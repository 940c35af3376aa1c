import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "../../engines/engine.js";

/**
 * What PostgreSQL's cached schemas depend on: the engine build (PGlite's version) and this
 * dialect's code that reads schemas and saves and restores replayed databases. Hashing that code
 * means a new Lockstep never trusts an old cache.
 */
export function cacheKey(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const files = [
    join(here, `introspect.${ext}`),
    // The code that saves and restores replayed databases.
    join(here, `engines/pglite.${ext}`),
    join(here, `engines/reset.${ext}`),
  ];
  const h = createHash("sha256");
  for (const f of files) h.update(existsSync(f) ? readFileSync(f) : f);
  try {
    const pglite = fileURLToPath(import.meta.resolve("@electric-sql/pglite"));
    h.update(readFileSync(join(pglite, "../../package.json")));
  } catch {
    h.update("pglite");
  }
  return h.digest("hex");
}

/** How many tables and columns the database holds: a cheap check that a restored one is the one cached. */
export async function tableShape(db: Database): Promise<{ tables: number; columns: number }> {
  const [row] = await db.query<{ tables: number; columns: number }>(
    `SELECT count(DISTINCT c.oid)::int AS tables, count(a.attnum)::int AS columns
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
  );
  return { tables: Number(row?.tables ?? 0), columns: Number(row?.columns ?? 0) };
}

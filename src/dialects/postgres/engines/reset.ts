import type { Database } from "../../../engines/engine.js";

/** SQL that empties a database of user schemas and recreates `public`. */
export const RESET_SQL = `
DO $lockstep$
DECLARE r record;
BEGIN
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
  END LOOP;
  FOR r IN SELECT nspname FROM pg_namespace
           WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
             AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  CREATE SCHEMA public;
END
$lockstep$;
-- Settings a previous user of the database made (a migration's SET lock_timeout) go too.
RESET ALL;
SET search_path = public;
-- A throwaway database: durability buys nothing, and every commit would wait for it.
SET synchronous_commit = off;
`;

/** Tables dropped in one transaction when a database with many is emptied (see dropTablesInBatches). */
const TABLES_PER_DROP = 200;

/**
 * Empties a database of many tables in several transactions before RESET_SQL drops what is left:
 * one DROP SCHEMA … CASCADE over 2,000 tables takes every one of their locks at once and runs out
 * of the server's shared lock table. With few tables it only asks.
 */
export async function dropTablesInBatches(db: Pick<Database, "exec" | "query">): Promise<void> {
  const rows = await db.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
  );
  if (rows.length <= TABLES_PER_DROP) return;
  for (let i = 0; i < rows.length; i += TABLES_PER_DROP) {
    const names = rows.slice(i, i + TABLES_PER_DROP).map((r) => r.name);
    await db.exec(`DROP TABLE IF EXISTS ${names.join(", ")} CASCADE`);
  }
}

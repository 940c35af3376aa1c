import { existsSync, rmSync } from "node:fs";
import { countUnmodelled } from "../dialects/postgres/introspect.js";
import type { Dialect } from "../dialects/dialect.js";
import type { Database, Engine } from "../engines/engine.js";
import { PgliteEngine } from "../engines/pglite.js";
import type { Schema } from "../schema/model.js";
import { rebuild } from "./rebuild.js";
import { cacheSalt, SchemaCache } from "../sources/cache.js";
import { executeUnits, fitsInOneTransaction } from "../sources/execute.js";
import { loadSchema, peekSchema, type Source } from "../sources/index.js";

/** Both schemas, and a database on which to check the plan. */
export interface Built {
  readonly db: Database;
  readonly from: Schema;
  readonly to: Schema;
  /** The baseline model, when one was given (see desiredOnBaseline). */
  readonly baseline?: Schema;
  /** True when `db` holds the current schema as the sources built it; else it is empty. */
  readonly ready: boolean;
  /** Builds the whole current schema in `db` (or a restored copy) when `ready` is false. */
  readonly materialize: () => Promise<Database>;
}

/**
 * Both schemas. The desired one is built first inside a transaction that is rolled back, then the
 * current one, leaving the database in the current state for the self-check. With a cache folder
 * (PGlite), schemas of unchanged sources are reused: an unchanged history is not replayed at all
 * when the model describes it whole (the self-check rebuilds the part the plan touches), or is
 * restored byte for byte from its saved database when it holds views, functions and the like.
 */
export async function buildSchemas(
  engine: Engine,
  dialect: Dialect,
  fromSource: Source,
  toSource: Source,
  cacheDir: string | undefined,
  lap: (phase: string) => void,
  baselineSource?: Source,
): Promise<Built> {
  const cache = cacheDir && engine instanceof PgliteEngine ? new SchemaCache(cacheDir, cacheSalt()) : undefined;
  const keyOf = (s: Source) => (cache && s.cacheKey ? cache.key(s.cacheKey) : undefined);
  const fromKey = keyOf(fromSource);
  const cachedFrom = fromKey ? cache!.schema(fromKey) : undefined;
  /** A desired-side schema (the model, the baseline), from the cache or built and rolled back. */
  const peek = async (source: Source, db: Database, options: { clearFirst?: boolean } = {}) => {
    const key = keyOf(source);
    const cached = key ? cache!.schema(key)?.schema : undefined;
    const schema = cached ?? (await peekSchema(source, db, options));
    if (key && !cached) cache!.saveSchema(key, { schema });
    return schema;
  };
  const desired = async (db: Database, options: { clearFirst?: boolean } = {}) => {
    const to = await peek(toSource, db, options);
    const baseline = baselineSource ? await peek(baselineSource, db, options) : undefined;
    lap("desired schema");
    return { to, ...(baseline ? { baseline } : {}) };
  };
  const state = fromKey ? cache!.statePath(fromKey) : undefined;
  const replay = async (db: Database) => {
    await db.reset();
    await executeUnits(db, fromSource.units ?? []);
    return db;
  };

  if (cachedFrom?.unmodelled === 0) {
    const db = await engine.fresh();
    lap("engine start (cached history)");
    return { db, from: cachedFrom.schema, ...(await desired(db)), ready: false, materialize: () => replay(db) };
  }

  if (cachedFrom && state && existsSync(state) && engine instanceof PgliteEngine) {
    // A desired side too large for one rolled-back transaction is built first, on the empty engine.
    const besideHistory = [toSource, baselineSource].every((s) => !s || s.read || fitsInOneTransaction(s.units ?? []));
    const early = besideHistory ? undefined : await desired(await engine.fresh());
    const db = await engine.fromState(state);
    lap("engine start (restored history)");
    if (await matches(db, cachedFrom.schema)) {
      const schemas = early ?? (await desired(db, { clearFirst: true }));
      return { db, from: cachedFrom.schema, ...schemas, ready: true, materialize: async () => db };
    }
    // A state that does not hold what its schema says is discarded, and the history replayed.
    rmSync(state, { force: true });
  }

  const db = await engine.fresh();
  lap("engine start");
  const schemas = await desired(db);
  const started = performance.now();
  const from = await loadSchema(fromSource, db);
  // A schema read where it lives (a database URL) is rebuilt here from its description, so the
  // plan can be checked against it: the objects Lockstep models, not views or functions.
  if (fromSource.read) await rebuild(db, from, dialect);
  lap("current schema");
  if (fromKey && engine instanceof PgliteEngine && fromSource.units?.length) {
    const unmodelled = await countUnmodelled(db);
    cache!.saveSchema(fromKey, { schema: from, unmodelled });
    // Saving the database costs about half a second: worth it for a slow history the model does not describe whole.
    if (unmodelled > 0 && performance.now() - started > REPLAY_WORTH_CACHING_MS) {
      await engine.saveState(state!).catch(() => {});
      lap("save replay cache");
    }
  }
  return { db, from, ...schemas, ready: true, materialize: async () => db };
}

const REPLAY_WORTH_CACHING_MS = 800;

/** A cheap check that a restored database holds the cached schema: the same tables and columns. */
async function matches(db: Database, schema: Schema): Promise<boolean> {
  const [row] = await db.query<{ tables: number; columns: number }>(
    `SELECT count(DISTINCT c.oid)::int AS tables, count(a.attnum)::int AS columns
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
  );
  const columns = schema.tables.reduce((n, t) => n + t.columns.length, 0);
  return row?.tables === schema.tables.length && row?.columns === columns;
}

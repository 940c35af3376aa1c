import { existsSync, rmSync } from "node:fs";
import type { Dialect } from "../dialects/dialect.js";
import type { Database, Engine } from "../engines/engine.js";
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
 * (an embedded engine, one that can archive its database), schemas of unchanged sources are reused: an unchanged history is not replayed at all
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
  // Only an embedded engine's schemas are cached: a server's depend on the server.
  const { saveState, fromState } = engine;
  const embedded = saveState !== undefined && fromState !== undefined;
  const cache = cacheDir && embedded ? new SchemaCache(cacheDir, cacheSalt(dialect)) : undefined;
  const keyOf = (s: Source) => (cache && s.cacheKey ? cache.key(s.cacheKey) : undefined);
  const fromKey = keyOf(fromSource);
  const cachedFrom = fromKey ? cache!.schema(fromKey) : undefined;
  /** A desired-side schema (the model, the baseline), from the cache or built and rolled back. */
  const peek = async (source: Source, db: Database, options: { clearFirst?: boolean } = {}) => {
    const key = keyOf(source);
    const cached = key ? cache!.schema(key)?.schema : undefined;
    const schema = cached ?? (await peekSchema(source, db, dialect, options));
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
    await executeUnits(db, fromSource.units ?? [], dialect);
    return db;
  };

  if (cachedFrom?.unmodelled === 0) {
    const db = await engine.fresh();
    lap("engine start (cached history)");
    return { db, from: cachedFrom.schema, ...(await desired(db)), ready: false, materialize: () => replay(db) };
  }

  if (cachedFrom && state && existsSync(state) && fromState) {
    // A desired side too large for one rolled-back transaction is built first, on the empty engine.
    const besideHistory = [toSource, baselineSource].every(
      (s) => !s || s.read || fitsInOneTransaction(s.units ?? [], dialect),
    );
    const early = besideHistory ? undefined : await desired(await engine.fresh());
    const db = await fromState.call(engine, state);
    lap("engine start (restored history)");
    if (await matches(db, cachedFrom.schema, dialect)) {
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
  const from = await loadSchema(fromSource, db, dialect);
  // A schema read where it lives (a database URL) is rebuilt here from its description, so the
  // plan can be checked against it: the objects Lockstep models, not views or functions.
  if (fromSource.read) await rebuild(db, from, dialect);
  lap("current schema");
  if (fromKey && saveState && fromSource.units?.length) {
    const unmodelled = await dialect.countUnmodelled(db);
    cache!.saveSchema(fromKey, { schema: from, unmodelled });
    // Saving the database costs about half a second: worth it for a slow history the model does not describe whole.
    if (unmodelled > 0 && performance.now() - started > REPLAY_WORTH_CACHING_MS) {
      await saveState.call(engine, state!).catch(() => {});
      lap("save replay cache");
    }
  }
  return { db, from, ...schemas, ready: true, materialize: async () => db };
}

const REPLAY_WORTH_CACHING_MS = 800;

/** A cheap check that a restored database holds the cached schema: the same tables and columns. */
async function matches(db: Database, schema: Schema, dialect: Dialect): Promise<boolean> {
  const shape = await dialect.tableShape(db);
  const columns = schema.tables.reduce((n, t) => n + t.columns.length, 0);
  return shape.tables === schema.tables.length && shape.columns === columns;
}

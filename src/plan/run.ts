import { openEngine } from "../engines/index.js";
import { initParser } from "../dialects/postgres/parse.js";
import { diffSchemas } from "../diff/diff.js";
import { parseRenames } from "../diff/renames.js";
import type { Change } from "../diff/changes.js";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { detectFormat, writers } from "../formats/index.js";
import type { FormatName, FormatWriter } from "../formats/format.js";
import type { Finding } from "../report/finding.js";
import { verdictOf } from "../report/verdict.js";
import { emptySource, loadSchema, peekSchema, resolveSource, type Source } from "../sources/index.js";
import { cacheSalt, SchemaCache } from "../sources/cache.js";
import { scopeOf } from "../verify/scope.js";
import { countUnmodelled } from "../dialects/postgres/introspect.js";
import { executeUnits, extensionsCreated } from "../sources/execute.js";
import type { Database, Engine } from "../engines/engine.js";
import { PgliteEngine } from "../engines/pglite.js";
import { emptySchema, type Schema } from "../schema/model.js";
import { InputError } from "../util/errors.js";
import { timings } from "../util/timings.js";
import { writeFilesAtomically } from "../util/write-files.js";
import { runStep, selfCheck } from "../verify/self-check.js";
import type { Plan, Step } from "./model.js";
import { defaultPlanOptions, type PlanOptions } from "./ops.js";
import { planChanges } from "./planner.js";

export interface PlanRequest {
  /** Current schema: a source spec (`before.sql`, `db/migrations`, `postgres://…`, `git:REF:PATH`); none means empty. */
  readonly from?: string;
  /** Desired schema, a source spec. */
  readonly to: string;
  readonly cwd?: string;
  /** `table.old=new` or `old_table=new_table`. */
  readonly renames?: readonly string[];
  readonly notRenamed?: readonly string[];
  /** `table.column=SQL expression`. */
  readonly backfills?: readonly string[];
  readonly allowBreaking?: boolean;
  readonly postgresVersion?: number;
  readonly lockTimeout?: string;
  readonly batchSize?: number;
  /** A PostgreSQL server for throwaway databases; PGlite without it. */
  readonly devUrl?: string;
  readonly cacheDir?: string;
  /** Where to write the migration files; nothing is written without it. */
  readonly out?: string;
  readonly writer?: FormatName;
  readonly name?: string;
  readonly now?: Date;
}

export interface PlanResult extends Plan {
  /** The typed changes, for callers that go on (tests, verify). */
  readonly diff: readonly Change[];
  readonly from: Schema;
  readonly to: Schema;
  /** Where nothing changed, what the user should read. */
  readonly message?: string;
}

/**
 * The whole `plan` pipeline: build both schemas on the engine, diff, plan with recipes, check the
 * plan by running it up and down, and write files when asked and allowed.
 */
export async function plan(request: PlanRequest): Promise<PlanResult> {
  const lap = timings();
  await initParser();
  const cwd = request.cwd ?? process.cwd();
  const fromSource: Source = request.from ? resolveSource(request.from, cwd) : emptySource;
  const toSource = resolveSource(request.to, cwd);
  const backfills = parseBackfills(request.backfills ?? []);
  const options: PlanOptions = {
    ...defaultPlanOptions,
    allowBreaking: request.allowBreaking ?? false,
    backfills,
    ...(request.postgresVersion !== undefined ? { postgresVersion: request.postgresVersion } : {}),
    ...(request.lockTimeout !== undefined ? { lockTimeout: request.lockTimeout } : {}),
    ...(request.batchSize !== undefined ? { batchSize: request.batchSize } : {}),
  };

  const extensions = extensionsCreated([...(fromSource.units ?? []), ...(toSource.units ?? [])]);
  const engine = openEngine({ devUrl: request.devUrl, cacheDir: request.cacheDir, extensions });
  try {
    lap("read sources");
    const built = await buildSchemas(engine, fromSource, toSource, request.cacheDir, lap);
    const { from, to } = built;
    const renames = parseRenames(request.renames ?? [], request.notRenamed ?? [], from);
    const diff = diffSchemas(from, to, renames);
    const name = sanitizeName(request.name ?? defaultName(diff));
    const planned = planChanges(diff, from, to, options, name);
    const findings: Finding[] = [...planned.findings];
    lap("diff and plan");

    if (planned.steps.length > 0 && !findings.some((f) => f.severity === "error")) {
      const check = await checkPlan(built, planned.steps, diff);
      for (const problem of check.problems) findings.push({ rule: "self-check", severity: "error", message: problem });
    }
    lap("self-check");
    const verdict = verdictOf(findings, planned.needsCodeDeploy);
    let files: string[] = [];
    if (request.out && verdict !== "BLOCK" && planned.steps.length > 0) {
      const out = resolve(cwd, request.out);
      const writer = chooseWriter(out, request.writer);
      const planned_ = writer.plan({ steps: planned.steps, name, dir: out, now: request.now ?? new Date() });
      files = writeFilesAtomically(out, planned_);
    }
    return {
      verdict,
      changes: planned.changes,
      steps: planned.steps,
      files,
      findings,
      diff,
      from,
      to,
      ...(diff.length === 0 ? { message: "No changes: the schemas are the same, nothing to do." } : {}),
    };
  } finally {
    await engine.close();
  }
}

function parseBackfills(specs: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const spec of specs) {
    const m = /^([^=]+)=(.+)$/s.exec(spec);
    const target = m?.[1]?.trim().split(".") ?? [];
    if (!m || target.length < 2 || target.length > 3)
      throw new InputError(`--backfill ${spec}: expected table.column=SQL expression`);
    const [schema, table, column] = target.length === 3 ? target : ["public", ...target];
    map.set(`${schema}.${table}.${column}`, m[2]!.trim());
  }
  return map;
}

/** `add_column_users_avatar_url` for one change; `change_orders_users` for several. */
function defaultName(diff: readonly Change[]): string {
  if (diff.length === 0) return "no_change";
  const tables = [...new Set(diff.flatMap((c) => ("table" in c && c.table ? [c.table.name] : [])))].sort();
  const first = diff[0]!;
  if (diff.length === 1) {
    const column = "column" in first && first.column && typeof first.column === "object" ? `_${first.column.name}` : "";
    return `${first.kind}${tables[0] ? `_${tables[0]}` : ""}${column}`;
  }
  return `change_${tables.slice(0, 3).join("_") || "schema"}`;
}

function sanitizeName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 60) || "migration"
  );
}

/** The writer asked for, else the format of the migrations already in the folder, else plain SQL. */
function chooseWriter(dir: string, name: FormatName | undefined): FormatWriter {
  if (name) {
    const w = writers[name];
    if (!w)
      throw new InputError(`--writer ${name}: no writer for that format (sql, dbmate, golang-migrate, flyway, diesel)`);
    return w;
  }
  const hasFiles = existsSync(dir) && readdirSync(dir).length > 0;
  return (hasFiles && writers[detectFormat(dir).name]) || writers.sql!;
}

/** Both schemas, and a database on which to check the plan. */
interface Built {
  readonly db: Database;
  readonly from: Schema;
  readonly to: Schema;
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
async function buildSchemas(
  engine: Engine,
  fromSource: Source,
  toSource: Source,
  cacheDir: string | undefined,
  lap: (phase: string) => void,
): Promise<Built> {
  const cache = cacheDir && engine instanceof PgliteEngine ? new SchemaCache(cacheDir, cacheSalt()) : undefined;
  const keyOf = (s: Source) => (cache && s.cacheKey ? cache.key(s.cacheKey) : undefined);
  const fromKey = keyOf(fromSource);
  const toKey = keyOf(toSource);
  const cachedTo = toKey ? cache!.schema(toKey)?.schema : undefined;
  const cachedFrom = fromKey ? cache!.schema(fromKey) : undefined;
  const state = fromKey ? cache!.statePath(fromKey) : undefined;
  const replay = async (db: Database) => {
    await db.reset();
    await executeUnits(db, fromSource.units ?? []);
    return db;
  };

  if (cachedFrom?.unmodelled === 0) {
    const db = await engine.fresh();
    lap("engine start (cached history)");
    const to = cachedTo ?? (await peekSchema(toSource, db));
    if (toKey && !cachedTo) cache!.saveSchema(toKey, { schema: to });
    lap("desired schema");
    return { db, from: cachedFrom.schema, to, ready: false, materialize: () => replay(db) };
  }

  if (cachedFrom && state && existsSync(state) && engine instanceof PgliteEngine) {
    const db = await engine.fromState(state);
    lap("engine start (restored history)");
    if (await matches(db, cachedFrom.schema)) {
      const to = cachedTo ?? (await peekSchema(toSource, db, { clearFirst: true }));
      if (toKey && !cachedTo) cache!.saveSchema(toKey, { schema: to });
      lap("desired schema");
      return { db, from: cachedFrom.schema, to, ready: true, materialize: async () => db };
    }
    // A state that does not hold what its schema says is discarded, and the history replayed.
    rmSync(state, { force: true });
  }

  const db = await engine.fresh();
  lap("engine start");
  const to = cachedTo ?? (await peekSchema(toSource, db));
  if (toKey && !cachedTo) cache!.saveSchema(toKey, { schema: to });
  lap("desired schema");
  const started = performance.now();
  const from = await loadSchema(fromSource, db);
  // A schema read where it lives (a database URL) is rebuilt here from its description, so the
  // plan can be checked against it: the objects Lockstep models, not views or functions.
  if (fromSource.read) await rebuild(db, from);
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
  return { db, from, to, ready: true, materialize: async () => db };
}

/**
 * Runs the plan up and down on the current schema. On a database built from the model, the part
 * the plan touches is checked first; a failure there is checked again on the whole history.
 */
async function checkPlan(built: Built, steps: readonly Step[], diff: readonly Change[]) {
  if (built.ready) return selfCheck(built.db, steps, built.from, built.to);
  const scope = scopeOf(diff, built.from, built.to);
  await rebuild(built.db, scope.from);
  const scoped = await selfCheck(built.db, steps, scope.from, scope.to);
  if (scoped.ok) return scoped;
  return selfCheck(await built.materialize(), steps, built.from, built.to);
}

const REPLAY_WORTH_CACHING_MS = 800;

/** Builds `schema` in the empty database `db`, with the statements a plan from nothing would run. */
async function rebuild(db: Database, schema: Schema): Promise<void> {
  const steps = planChanges(diffSchemas(emptySchema, schema), emptySchema, schema, defaultPlanOptions, "rebuild").steps;
  for (const step of steps) await runStep(db, step, "up");
}

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

/**
 * Test helpers for the planner: plan a `before.sql` → `after.sql` pair, and run the plan's steps
 * up and down on a fresh database with rows in its tables, checking the schema after each pass and
 * that the rows (and their values) survive.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { introspect } from "../../src/dialects/postgres/introspect.js";
import { ident, literal, qualified } from "../../src/dialects/postgres/render.js";
import { classifyTypeChange } from "../../src/dialects/postgres/types.js";
import { describeChange } from "../../src/diff/describe.js";
import { diffSchemas } from "../../src/diff/diff.js";
import { postgres } from "../../src/dialects/postgres/index.js";
import type { Database, Engine } from "../../src/engines/engine.js";
import { PgliteEngine, shutdownPglite } from "../../src/dialects/postgres/engines/pglite.js";
import { PostgresEngine } from "../../src/dialects/postgres/engines/server.js";
import type { Step } from "../../src/plan/model.js";
import type { PlanResult } from "../../src/plan/result.js";
import { type PlanRequest, plan } from "../../src/commands/plan.js";
import type { Column, EnumType, Schema } from "../../src/schema/model.js";
import { executeSql } from "../../src/sources/execute.js";
import { parentsFirst } from "../../src/verify/seed.js";
import { expectLintClean } from "./plan-lint.js";
import { runStep as runLibraryStep } from "../../src/verify/self-check.js";

/** The suite's PGlite template cache and PostgreSQL server (see test/support.ts). */
export { SERVER_URL as PG_URL, TEST_CACHE as CACHE_DIR } from "../support.js";
import { SERVER_URL as PG_URL, TEST_CACHE as CACHE_DIR } from "../support.js";

export type CaseOptions = Omit<PlanRequest, "from" | "to" | "cwd" | "cacheDir" | "out">;

/** Writes both schemas to a temporary folder and plans from one to the other. */
export async function planCase(before: string, after: string, options: CaseOptions = {}): Promise<PlanResult> {
  const dir = mkdtempSync(join(tmpdir(), "lockstep-case-"));
  try {
    writeFileSync(join(dir, "before.sql"), before);
    writeFileSync(join(dir, "after.sql"), after);
    const result = await plan({ ...options, from: "before.sql", to: "after.sql", cwd: dir, cacheDir: CACHE_DIR });
    // Every plan the suite makes is linted: plan never writes what its own lint flags.
    expectLintClean(result, { schema: result.from, postgresVersion: options.postgresVersion });
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pglite(): Engine {
  return new PgliteEngine({ cacheDir: CACHE_DIR });
}

/** Closes the process-wide PGlite after the file's tests. */
export function usePglite(): Engine {
  afterAll(async () => {
    await shutdownPglite();
  });
  return pglite();
}

/** Runs a SQL script statement by statement, as a declarative schema is run. */
export async function runScript(db: Database, sql: string): Promise<void> {
  await executeSql(db, sql, { file: "script.sql" }, false, postgres);
}

/** The schema a SQL script builds, on a fresh database of `engine`. */
export async function schemaOf(engine: Engine, sql: string): Promise<Schema> {
  const db = await engine.fresh();
  try {
    await runScript(db, sql);
    return await introspect(db);
  } finally {
    await db.close();
  }
}

/**
 * Runs one step as a migration runner would (the library's runStep), after checking the shape every
 * runner relies on: a down is never empty, and a step outside a transaction holds one statement.
 */
export async function runStep(db: Database, step: Step, direction: "up" | "down"): Promise<void> {
  const statements = step[direction];
  if (statements.length === 0) throw new Error(`step ${step.name} has an empty ${direction}`);
  if (!step.transactional && statements.length !== 1)
    throw new Error(`non-transactional step ${step.name} has ${statements.length} statements (${direction})`);
  try {
    await runLibraryStep(db, step, direction);
  } catch (err) {
    throw new Error(`step ${step.name} (${direction}) failed: ${(err as Error).message}`);
  }
}

/** The changes between two schemas, one line each: empty when they are the same. */
export function schemaDifferences(expected: Schema, actual: Schema): string[] {
  return diffSchemas(expected, actual, postgres).map(describeChange);
}

// ---------------------------------------------------------------------------------------------
// Seeding rows

/** How format_type prints an enum's name. */
function enumTypeName(e: EnumType): string {
  return e.schema === "public" ? ident(e.name) : `${ident(e.schema)}.${ident(e.name)}`;
}

/** A literal of the column's type for row `i` (1-based), or DEFAULT where none is known. */
function valueFor(col: Column, i: number, schema: Schema): string {
  const t = col.type;
  if (t.endsWith("[]")) return "'{}'";
  const e = schema.enums.find((x) => enumTypeName(x) === t);
  if (e) return e.values.length ? literal(e.values[(i - 1) % e.values.length]!) : "DEFAULT";
  const len = /\((\d+)\)/.exec(t)?.[1];
  if (/^(text|character varying|character|citext|name)\b/.test(t))
    return len && Number(len) < 2 ? literal(String.fromCharCode(96 + i)) : literal(`v${i}`);
  if (/^(smallint|integer|bigint|numeric|real|double precision|money)\b/.test(t)) return String(i);
  if (t === "boolean") return i % 2 === 1 ? "true" : "false";
  if (t === "uuid") return literal(`00000000-0000-0000-0000-00000000000${i}`);
  if (t === "date") return literal(`2024-01-0${i}`);
  if (/^timestamp\b/.test(t)) return literal(`2024-01-0${i} 12:00:00`);
  if (/^time\b/.test(t)) return literal(`12:0${i}:00`);
  if (/^interval\b/.test(t)) return literal(`${i} days`);
  if (t === "json" || t === "jsonb") return literal(`{"n": ${i}}`);
  if (t === "bytea") return literal(`\\x0${i}`);
  if (t === "inet" || t === "cidr") return literal(`10.0.0.${i}`);
  if (/range$/.test(t)) return literal(`[${i * 10},${i * 10 + 5})`);
  return "DEFAULT";
}

/**
 * Inserts 3 rows into every table where it can write valid values (1 row where 3 break a unique
 * key, none where even 1 fails). Values depend on the type and the row number only, so foreign keys
 * find their parent rows.
 */
export async function autoSeed(db: Database, schema: Schema, rows = 3): Promise<Map<string, number>> {
  const seeded = new Map<string, number>();
  for (const t of parentsFirst(schema.tables)) {
    const cols = t.columns.filter((c) => !c.identity && !c.generated && !c.ownedSequence);
    const insert = (n: number) => {
      if (cols.length === 0) return Array.from({ length: n }, () => `INSERT INTO ${qualified(t)} DEFAULT VALUES`);
      const values = Array.from({ length: n }, (_, k) => `(${cols.map((c) => valueFor(c, k + 1, schema)).join(", ")})`);
      return [`INSERT INTO ${qualified(t)} (${cols.map((c) => ident(c.name)).join(", ")}) VALUES ${values.join(", ")}`];
    };
    for (const n of [rows, 1]) {
      try {
        for (const sql of insert(n)) await db.exec(sql);
        seeded.set(qualified(t), n);
        break;
      } catch {
        // Values this generator cannot make valid (a CHECK, a unique boolean): try fewer rows, then none.
        await db.exec(`DELETE FROM ${qualified(t)}`).catch(() => {});
      }
    }
  }
  return seeded;
}

// ---------------------------------------------------------------------------------------------
// Round trip

/** A table followed through the plan: its name and the value expressions compared in each state. */
interface Tracked {
  readonly before: string;
  readonly after: string;
  readonly beforeExprs: string[];
  readonly afterExprs: string[];
}

interface Fingerprint {
  readonly rows: number;
  readonly hash: string;
}

/**
 * Tables that exist before and after (renames followed), with the columns whose values must come
 * through unchanged: same column (or its confirmed rename), a type every value fits in, and not a
 * column whose NULLs a backfill may fill.
 */
function trackedTables(result: PlanResult, before: Schema, after: Schema, exclude: readonly string[]): Tracked[] {
  const key = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;
  const tableRenames = new Map<string, string>();
  const columnRenames = new Map<string, Map<string, string>>();
  const filled = new Set<string>();
  for (const c of result.diff) {
    if (c.kind === "rename_table") tableRenames.set(key(c.from), key(c.table));
    if (c.kind === "rename_column") {
      const m = columnRenames.get(key(c.table)) ?? new Map<string, string>();
      m.set(c.from.name, c.column.name);
      columnRenames.set(key(c.table), m);
    }
    if (c.kind === "set_not_null" || c.kind === "alter_column_other") filled.add(`${key(c.table)}.${c.column.name}`);
  }
  const out: Tracked[] = [];
  for (const bt of before.tables) {
    const afterKey = tableRenames.get(key(bt)) ?? key(bt);
    const at = after.tables.find((t) => key(t) === afterKey);
    if (!at) continue;
    const beforeExprs: string[] = [];
    const afterExprs: string[] = [];
    for (const bc of bt.columns) {
      const name = columnRenames.get(afterKey)?.get(bc.name) ?? bc.name;
      const ac = at.columns.find((c) => c.name === name);
      if (!ac || filled.has(`${afterKey}.${name}`) || exclude.includes(`${at.name}.${name}`)) continue;
      if (ac.type === bc.type) beforeExprs.push(ident(bc.name));
      else if (classifyTypeChange(bc.type, ac.type) !== "narrowing") beforeExprs.push(`${ident(bc.name)}::${ac.type}`);
      else continue;
      afterExprs.push(ident(ac.name));
    }
    out.push({ before: qualified(bt), after: qualified(at), beforeExprs, afterExprs });
  }
  return out;
}

async function fingerprint(db: Database, table: string, exprs: readonly string[]): Promise<Fingerprint> {
  const [row] = await db.query<{ rows: number; hash: string }>(
    `SELECT count(*)::int AS rows, coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '') AS hash
     FROM (SELECT ROW(${exprs.join(", ")})::text AS r FROM ${table}) AS s`,
  );
  return row!;
}

async function fingerprints(db: Database, tracked: readonly Tracked[], state: "before" | "after") {
  const out: Record<string, Fingerprint> = {};
  for (const t of tracked)
    out[t.after] = await fingerprint(db, t[state], state === "before" ? t.beforeExprs : t.afterExprs);
  return out;
}

export interface RoundTripOptions {
  /** SQL that inserts rows after `before` is built; automatic rows when absent. */
  readonly seed?: string;
  /** `table.column` (as named after) whose values the plan may legitimately change. */
  readonly valuesChange?: readonly string[];
  /** Extra checks on the database once every step ran up (the first time). */
  readonly afterUp?: (db: Database) => Promise<void>;
  /** Extra checks once every step ran down. */
  readonly afterDown?: (db: Database) => Promise<void>;
}

export interface RoundTripReport {
  /** Rows per tracked table (after-name) right after seeding. */
  readonly rows: Record<string, number>;
}

/**
 * On a fresh database of `engine`: `beforeSql` plus rows, every step up (schema = `afterSql`'s,
 * rows and values kept), every step down in reverse (schema = `beforeSql`'s, rows kept), and up
 * again (the same). Throws with the step and statement that failed.
 */
export async function roundTrip(
  result: PlanResult,
  beforeSql: string,
  afterSql: string,
  engine: Engine,
  options: RoundTripOptions = {},
): Promise<RoundTripReport> {
  expect(result.verdict, "only a plan that is not blocked can be run").not.toBe("BLOCK");
  const db = await engine.fresh();
  try {
    await runScript(db, afterSql);
    const after = await introspect(db);
    await db.reset();
    await runScript(db, beforeSql);
    const before = await introspect(db);
    expect(schemaDifferences(result.from, before), "the plan's current schema is the one before.sql builds").toEqual(
      [],
    );
    expect(schemaDifferences(result.to, after), "the plan's desired schema is the one after.sql builds").toEqual([]);

    if (options.seed !== undefined) await runScript(db, options.seed);
    else await autoSeed(db, before);
    const tracked = trackedTables(result, before, after, options.valuesChange ?? []);
    const seeded = await fingerprints(db, tracked, "before");

    const up = async (pass: string) => {
      for (const step of result.steps) await runStep(db, step, "up");
      expect(schemaDifferences(after, await introspect(db)), `after up (${pass}) the schema is after.sql's`).toEqual(
        [],
      );
      expect(await fingerprints(db, tracked, "after"), `after up (${pass}) the rows and values are kept`).toEqual(
        seeded,
      );
    };
    await up("first");
    await options.afterUp?.(db);
    for (const step of [...result.steps].reverse()) await runStep(db, step, "down");
    expect(schemaDifferences(before, await introspect(db)), "after down the schema is before.sql's").toEqual([]);
    expect(await fingerprints(db, tracked, "before"), "after down the rows and values are kept").toEqual(seeded);
    await options.afterDown?.(db);
    await up("again");
    return { rows: Object.fromEntries(Object.entries(seeded).map(([k, v]) => [k, v.rows])) };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Cases

/** One before → after pair with its options; planned once per file however many tests use it. */
export interface Case extends RoundTripOptions {
  readonly before: string;
  readonly after: string;
  readonly options?: CaseOptions;
}

const planned = new WeakMap<Case, Promise<PlanResult>>();

export function planOf(c: Case): Promise<PlanResult> {
  let p = planned.get(c);
  if (!p) {
    p = planCase(c.before, c.after, c.options);
    planned.set(c, p);
  }
  return p;
}

/** Round-trips a case's plan on `engine` with the case's seed and checks. */
export async function roundTripCase(c: Case, engine: Engine): Promise<RoundTripReport> {
  return roundTrip(await planOf(c), c.before, c.after, engine, c);
}

/** The plan is not blocked and its self-check passed. */
export function expectRunnable(result: PlanResult): void {
  const errors = result.findings.filter((f) => f.severity === "error").map((f) => `${f.rule}: ${f.message}`);
  expect(errors, "no error findings (self-check included)").toEqual([]);
  expect(result.verdict).not.toBe("BLOCK");
}

/** Every statement, up and down, in one string (for `toContain`). */
export function allSql(result: PlanResult, direction: "up" | "down" = "up"): string {
  return result.steps.flatMap((s) => s[direction]).join(";\n");
}

export function findingOf(result: PlanResult, rule: string) {
  return result.findings.find((f) => f.rule === rule);
}

/**
 * The same cases, round-tripped on a PostgreSQL server when LOCKSTEP_TEST_PG_URL is set (plans are
 * the ones made on PGlite: the SQL must run on both).
 */
export function serverRoundTrips(cases: Record<string, Case>): void {
  if (!PG_URL) console.info("LOCKSTEP_TEST_PG_URL is not set: PostgreSQL server round trips are skipped");
  describe.skipIf(!PG_URL)("round trips on the PostgreSQL server", () => {
    const engine = PG_URL ? new PostgresEngine(PG_URL) : undefined;
    afterAll(async () => {
      await engine?.close();
    });
    for (const [name, c] of Object.entries(cases)) {
      it(name, async () => {
        const result = await planOf(c);
        expectRunnable(result);
        const report = await roundTrip(result, c.before, c.after, engine!, c);
        expect(report.rows).toBeDefined();
      });
    }
  });
}

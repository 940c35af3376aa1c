/**
 * The Dialect seam (DESIGN.md §3): everything the core asks of a database's language and engine.
 * The core holds a Dialect handed to it by a command and asks it capabilities; it never asks
 * "which database is this?" and never imports a dialect's internals. A dialect lives in
 * `src/dialects/<name>/` and exports one object implementing this interface from its index.
 *
 * Type-only module: the stages below `dialects/` (lint, plan, verify, trace, sources) import it with
 * `import type`, so the folder graph keeps dialects above them and below the commands.
 */
import type { Change } from "../diff/changes.js";
import type { Database, Engine } from "../engines/engine.js";
import type { PlannedStatement } from "../plan/model.js";
import type { PlanContext, PlanOptions, Recipe, Stage } from "../plan/ops.js";
import type { Index, Schema, Table } from "../schema/model.js";
import type { SqlOrigin, SqlStatement } from "../schema/statement.js";

export type DialectName = "postgres" | "sqlite";

export interface EngineRequest {
  /** A server (or file) URL given with `--dev-url`; absent: the embedded engine. */
  readonly devUrl?: string;
  readonly cacheDir?: string;
  /** A server's databases are kept on close instead of dropped (`trace --keep`). */
  readonly keep?: boolean;
  /** Extensions the SQL creates (PGlite loads their bundles at start). */
  readonly extensions?: readonly string[];
}

export interface Dialect {
  readonly name: DialectName;

  // ── Statements: split and parse with locations ─────────────────────────────────────────────
  /** Loads what parsing needs (a WebAssembly module); idempotent, awaited once by commands. */
  ready(): Promise<void>;
  /** Splits (and parses) a text into located statements; throws SqlSyntaxError with file:line:column. */
  split(text: string, origin?: SqlOrigin): SqlStatement[];
  /** True for white space and comments only: no statement to parse. */
  isBlank(text: string): boolean;

  // ── Engines: embedded and server ────────────────────────────────────────────────────────────
  /** The embedded engine unless a server is given. */
  openEngine(request: EngineRequest): Engine;
  /** Reads a database's schema into Lockstep's model. */
  introspect(db: Database): Promise<Schema>;

  // ── Transactions and locks ──────────────────────────────────────────────────────────────────

  // ── Lint: the dialect's rules ───────────────────────────────────────────────────────────────

  // ── Planner: recipes and stages ─────────────────────────────────────────────────────────────
  /** The recipe for one change: its risk, reasons and ops, their statements made records. */
  recipeFor(change: Change, ctx: PlanContext): Recipe;
  /** The statement a step starts with so that none of its statements waits longer than `timeout` for a lock. */
  lockTimeout(timeout: string): PlannedStatement;
  /** The most statements one transaction of Lockstep's making holds (its locks last until it ends). */
  readonly statementsPerTransaction: number;
  /** What a step of the stage asks of the deploy where its ops say nothing (how it runs, what to do if it fails). */
  deployNote(stage: Stage): string;
  /** Whether a stage that may run in a transaction does, on the server the plan is for. */
  stageInTransaction(stage: Stage, options: PlanOptions): boolean;
  /** A record of SQL the planner did not make this run (a step kept pending by an older Lockstep). */
  plannedStatement(sql: string): PlannedStatement;
  /** The column names an expression reads (a CHECK's, an index key's or predicate). */
  columnRefs(expression: string): string[];
  /** The columns an index reads: its keys' and its predicate's. */
  indexColumns(index: Index): string[];
  /** An identifier as the dialect writes it in SQL (quoted where needed). */
  ident(name: string): string;

  // ── Verify: seeding values, fingerprints ────────────────────────────────────────────────────
}

export type { SqlOrigin, SqlStatement, Table };

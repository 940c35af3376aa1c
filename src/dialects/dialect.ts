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
import type { Database, Engine, EngineError } from "../engines/engine.js";
import type { LintSession, Rule } from "../lint/rule.js";
import type { PlannedStatement, Step } from "../plan/model.js";
import type { PlanContext, PlanOptions, Recipe, Stage } from "../plan/ops.js";
import type { Finding } from "../schema/finding.js";
import type { ForeignKey, Index, Schema, Table } from "../schema/model.js";
import type { SqlOrigin, SqlStatement } from "../schema/statement.js";
import type { Observation } from "../trace/observe.js";
import type { PrintRow } from "../verify/fingerprint.js";
import type { Touched } from "../verify/touched.js";

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
  /** The key a table (or index) name is known by: one spelling for one relation (PostgreSQL drops `public.`). */
  tableKey(name: string): string;

  // ── Engines: embedded and server ────────────────────────────────────────────────────────────
  /** The embedded engine unless a server is given. */
  openEngine(request: EngineRequest): Engine;
  /** Reads a database's schema into Lockstep's model. */
  introspect(db: Database): Promise<Schema>;
  /** The tables of these `schema.name` keys only (all without), read as `introspect` reads them. */
  introspectTables(db: Database, only?: readonly string[]): Promise<Table[]>;
  /** Everything of the schema but its tables (namespaces, extensions, enums, sequences). */
  introspectGlobals(db: Database): Promise<Omit<Schema, "tables">>;
  /** How many objects the database holds that the model does not describe (views, functions…). */
  countUnmodelled(db: Database): Promise<number>;
  /** True for a source spec naming a database of this dialect, whose schema is read in place. */
  isDatabaseUrl(spec: string): boolean;
  /** The schema of the database at that URL, read without writing to it. */
  readDatabase(url: string): Promise<Schema>;
  /** Empties a database inside a transaction the caller rolls back (the rollback brings it back). */
  clearInTransaction(db: Database): Promise<void>;
  /** What cached schemas depend on in this dialect (its engine build, its schema-reading code). */
  cacheKey(): string;
  /** How many tables and columns the database holds: a cheap check that a restored one is the one cached. */
  tableShape(db: Database): Promise<{ tables: number; columns: number }>;
  /** A hint appended to an engine's error where the dialect knows a way out (a missing extension). */
  errorHint(err: EngineError): string;
  /** Several statements sent as one query run in one implicit transaction (PostgreSQL); false: each commits alone (SQLite's exec). */
  readonly queryIsOneTransaction: boolean;

  // ── Transactions and locks ──────────────────────────────────────────────────────────────────
  /** `begin` for a statement that opens a transaction block written in the SQL, `end` for one that closes it. */
  transactionControl(stmt: SqlStatement): "begin" | "end" | undefined;
  /** Any transaction control written in the SQL (BEGIN, COMMIT, SAVEPOINT…): a runner leaves the block to it. */
  isTransactionControl(stmt: SqlStatement): boolean;
  /** A statement the database refuses (or runs differently) inside a transaction block: it runs alone. */
  outsideTransactionOnly(stmt: SqlStatement): boolean;
  /** How many statements Lockstep puts in one transaction of its own making (the server's lock table bounds it). */
  readonly statementsPerTransaction: number;
  /** The extension a statement creates (`CREATE EXTENSION`), so an embedded engine can load it. */
  extensionCreated(stmt: SqlStatement): string | undefined;
  /** Cheap test before parsing: false when `text` cannot hold a statement `outsideTransactionOnly` accepts. */
  mayHoldOutsideTransactionOnly(text: string): boolean;

  // ── Lint: the dialect's rules ───────────────────────────────────────────────────────────────
  /** Every lint rule of the dialect, in its catalog's order. */
  readonly rules: readonly Rule[];
  /** Applies what a statement does to the tables lint knows (create, alter, rename, drop), in place, keyed by tableKey. */
  applyToTables(stmt: SqlStatement, tables: Map<string, Table>): void;
  /** Relations a statement creates (tables, indexes); a rename of one `isNew` says is new keeps it new. */
  createdRelations(stmt: SqlStatement, isNew: (name: string) => boolean): string[];
  /** A fresh record of what a run's statements leave for the later ones (session settings…), for the rules. */
  lintSession(): LintSession;
  /** The `missing-foreign-key-index` finding on a foreign key no index leads with, with its fix. */
  missingForeignKeyIndex(table: Table, fk: ForeignKey): Finding | undefined;

  // ── Planner: recipes and stages ─────────────────────────────────────────────────────────────
  /** An identifier as SQL text, quoted where the dialect needs it. */
  ident(name: string): string;
  /** A string literal as SQL text. */
  literal(value: string): string;
  /** The recipe for one change: its risk, reasons and ops, their statements made records. */
  recipeFor(change: Change, ctx: PlanContext): Recipe;
  /** The statement a step starts with so that none of its statements waits longer than `timeout` for a lock. */
  lockTimeout(timeout: string): PlannedStatement;
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
  /** Whether two column types, as introspection reads them, are one type (no change to plan). */
  sameType(a: string, b: string): boolean;

  // ── Verify: seeding values, fingerprints ────────────────────────────────────────────────────
  /** The statement that seeds `rows` rows of values of its column types into a table, parents' rows referenced. */
  seedSql(table: Table, schema: Schema, rows: number): string;
  /** Each table's print: its rows, and per column `count:hash-sum` of its values (see verify/fingerprint.ts). */
  printRows(db: Database, tables: readonly Table[]): Promise<readonly PrintRow[]>;
  /** What statements can change (tables, globals), from their parse trees; undefined: anything. */
  touchedBy(statements: readonly SqlStatement[], before: Schema): Touched | undefined;
  /** How an enum is named where a column's type refers to it. */
  enumTypeName(e: { readonly schema: string; readonly name: string }): string;
  /** What the session holds now: `locks` (inside a transaction), each table's storage, the lock timeout. */
  observe(db: Database, locks: boolean, tables?: readonly string[]): Promise<Observation>;
  /** The tables that exist now, named as `observe` names locked relations. */
  existingTables(db: Database): Promise<ReadonlySet<string>>;
  /** True for a lock mode that queues behind running queries and blocks everything queued behind it. */
  isBlockingLock(mode: string): boolean;
  /** The lint rules that explain a table rewrite a trace saw (a finding names the one that fired). */
  readonly rewriteRules: readonly string[];
  /** The fix a trace gives for a blocking lock taken with no lock timeout. */
  readonly lockTimeoutFix: string;
  /** What to watch while steps run (the migration guide's monitoring section). */
  monitoringHints(steps: readonly Step[]): string[];
  /** What a statement run outside a transaction holds, where the dialect knows (the trace cannot read it). */
  locksOutsideTransaction(sql: string): string | undefined;
  /** True for an engine error code that depends on the values (bad data, a constraint), not on the SQL. */
  dependsOnValues(code: string): boolean;
}

export type { SqlOrigin, SqlStatement, Table };

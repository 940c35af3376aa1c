/**
 * The Dialect seam (DESIGN.md §3): everything the core asks of a database's language and engine.
 * The core holds a Dialect handed to it by a command and asks it capabilities; it never asks
 * "which database is this?" and never imports a dialect's internals. A dialect lives in
 * `src/dialects/<name>/` and exports one object implementing this interface from its index.
 *
 * Type-only module: the stages below `dialects/` (lint, plan, verify, trace, sources) import it with
 * `import type`, so the folder graph keeps dialects above them and below the commands.
 */
import type { Database, Engine } from "../engines/engine.js";
import type { Finding } from "../schema/finding.js";
import type { ForeignKey, Schema, Table } from "../schema/model.js";
import type { LintSession, Rule } from "../lint/rule.js";
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
  /** The key a table (or index) name is known by: one spelling for one relation (PostgreSQL drops `public.`). */
  tableKey(name: string): string;

  // ── Engines: embedded and server ────────────────────────────────────────────────────────────
  /** The embedded engine unless a server is given. */
  openEngine(request: EngineRequest): Engine;
  /** Reads a database's schema into Lockstep's model. */
  introspect(db: Database): Promise<Schema>;

  // ── Transactions and locks ──────────────────────────────────────────────────────────────────
  /** `begin` for a statement that opens a transaction block written in the SQL, `end` for one that closes it. */
  transactionControl(stmt: SqlStatement): "begin" | "end" | undefined;
  /** Any transaction control written in the SQL (BEGIN, COMMIT, SAVEPOINT…): a runner leaves the block to it. */
  isTransactionControl(stmt: SqlStatement): boolean;
  /** A statement the database refuses (or runs differently) inside a transaction block: it runs alone. */
  outsideTransactionOnly(stmt: SqlStatement): boolean;
  /** How many statements Lockstep puts in one transaction of its own making (the server's lock table bounds it). */
  readonly statementsPerTransaction: number;

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

  // ── Verify: seeding values, fingerprints ────────────────────────────────────────────────────
}

export type { SqlOrigin, SqlStatement, Table };

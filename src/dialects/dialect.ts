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
import type { Schema, Table } from "../schema/model.js";
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
  /** True for a statement that must run outside a transaction block, or runs differently inside one. */
  outsideTransactionOnly(stmt: SqlStatement): boolean;
  /** Cheap test before parsing: false when `text` cannot hold a statement `outsideTransactionOnly` accepts. */
  mayHoldOutsideTransactionOnly(text: string): boolean;

  // ── Lint: the dialect's rules ───────────────────────────────────────────────────────────────

  // ── Planner: recipes and stages ─────────────────────────────────────────────────────────────
  /** An identifier as SQL text, quoted where the dialect needs it. */
  ident(name: string): string;
  /** A string literal as SQL text. */
  literal(value: string): string;

  // ── Verify: seeding values, fingerprints ────────────────────────────────────────────────────
}

export type { SqlOrigin, SqlStatement, Table };

/**
 * A lint rule: its meta (name, default severity, what it catches, why, the safe way) and one
 * function that looks at one statement in its context and reports. One rule a file, in its
 * dialect's folder (src/dialects/<name>/rules/); the dialect lists them (`Dialect.rules`).
 */
import type { SqlStatement } from "../schema/statement.js";
import type { Severity } from "../schema/finding.js";
import type { Schema, Table } from "../schema/model.js";

export interface RuleMeta {
  /** Stable kebab-case name, as in ../shared/RULES.md. */
  readonly name: string;
  /** Default severity; `off` rules run only when the configuration turns them on. */
  readonly severity: Severity | "off";
  /** One line: what it catches. */
  readonly description: string;
  /** Why it is dangerous, and the safe way: a short paragraph for humans. */
  readonly docs: string;
}

/** A statement as the linter sees it: where it stands, and what runs around it. */
export interface LintStatement extends SqlStatement {
  readonly file: string;
  /**
   * True when the statement runs inside a transaction block (the format's, or an explicit BEGIN).
   * For a BEGIN itself: whether a block was already open before it (a nested BEGIN).
   */
  readonly inTransaction: boolean;
}

/** What a rule knows besides the statement. Read-only for rules; the runner keeps it. */
export interface LintContext {
  readonly postgresVersion: number;
  /** With SQLite: the oldest version the migration must run on (`3.35`), as `--sqlite-version` gives it. */
  readonly sqliteVersion: string;
  /** The database before the migration, when `--schema` gave one. */
  readonly schema?: Schema;
  /**
   * The table as it is before this statement: from `--schema`, with tables created earlier in
   * the migration marked new. Undefined when nothing is known of it.
   */
  table(name: string): Table | undefined;
  /**
   * True for a table not created earlier in this migration: statements on it are hazards.
   * Without `--schema`, every table the migration did not create is taken as existing.
   */
  isExisting(name: string): boolean;
  /** `SET lock_timeout` (or `SET LOCAL lock_timeout`) ran earlier in this migration. */
  readonly lockTimeoutSet: boolean;
  /** Earlier statements of the current transaction block (empty outside one). */
  readonly transactionSoFar: readonly LintStatement[];
  /** Names of constraints added NOT VALID earlier in the current transaction block. */
  readonly notValidInTransaction: ReadonlySet<string>;
  /**
   * True when a validated `CHECK (column IS NOT NULL)` is known on the table before this
   * statement: from `--schema`, or added (or validated) earlier in the migration.
   */
  notNullChecked(table: string, column: string): boolean;
  /** True when the current transaction block was opened by a BEGIN written in the SQL (not the tool's). */
  readonly explicitTransaction: boolean;
  /** Later statements of the current transaction block (empty outside one). */
  readonly followingInTransaction: readonly LintStatement[];
  /** Every later statement of the migration, in order (this section's, then the next sections'). */
  readonly rest: readonly LintStatement[];
  /** Every earlier statement of the migration, in order (earlier sections' first). */
  readonly earlier: readonly LintStatement[];
  /**
   * Every statement of the run, in order: one array for all statements, so a rule can index it
   * once (a WeakMap keyed by it) instead of scanning it per statement.
   */
  readonly all: readonly LintStatement[];
  /**
   * Report a finding on this statement (or at a more precise line and column inside it). `object`
   * (`orders.note`) is what a `-- lockstep-confirm` marker must name to accept the finding.
   */
  report(finding: { message: string; fix?: string; line?: number; column?: number; object?: string }): void;
}

/**
 * What a migration's statements leave behind for the later ones in the dialect's terms (a session
 * setting, constraints not yet validated): the dialect keeps it, the runner feeds it each statement
 * and reads it into the context. A fresh one a run (`Dialect.lintSession`).
 */
export interface LintSession {
  /** A migration (one section) starts: what the previous one set does not hold in its session. */
  startMigration(): void;
  /** For LintContext.lockTimeoutSet, before the current statement. */
  readonly lockTimeoutSet: boolean;
  /** For LintContext.notValidInTransaction, before the current statement. */
  readonly notValidInTransaction: ReadonlySet<string>;
  /** For LintContext.notNullChecked; `known` is the table as lint knows it (undefined when new or unknown). */
  notNullChecked(table: string, column: string, known: Table | undefined): boolean;
  /** After each statement; `inBlock`: it ran inside a transaction block (or opened one). */
  after(stmt: SqlStatement, inBlock: boolean): void;
  /** A transaction block ended (COMMIT, ROLLBACK, or a BEGIN outside one starting the next). */
  endBlock(): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  /**
   * The statement kinds (as the dialect names them; PostgreSQL: parse-tree node types such as
   * `AlterTableStmt`, `IndexStmt`) the rule looks at; the runner calls it for those only. Absent: every statement.
   */
  readonly kinds?: readonly string[];
  check(stmt: LintStatement, ctx: LintContext): void;
}

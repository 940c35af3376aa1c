/**
 * What the planner produces: changes with their risk, and steps of SQL with their reverses.
 * This is also the `--format json` contract of `plan` (DESIGN.md §5).
 */
import type { Finding } from "../schema/finding.js";
import type { Verdict } from "../schema/verdict.js";

export type Risk = "safe" | "risky" | "breaking";
export type Phase = "single" | "expand" | "backfill" | "contract";

export const CHANGE_KINDS = [
  "create_table",
  "drop_table",
  "rename_table",
  "add_column",
  "drop_column",
  "rename_column",
  "alter_column_type",
  "set_not_null",
  "drop_not_null",
  "set_default",
  "drop_default",
  "add_index",
  "drop_index",
  "add_foreign_key",
  "drop_foreign_key",
  "add_unique",
  "drop_unique",
  "add_check",
  "drop_check",
  "add_primary_key",
  "drop_primary_key",
  "create_enum",
  "drop_enum",
  "add_enum_value",
  "drop_enum_value",
  "create_view",
  "drop_view",
  "other",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** A change as reported: what changed, how risky, and why. */
export interface ChangeReport {
  readonly kind: ChangeKind;
  readonly table?: string;
  readonly column?: string;
  /** The object the change is about where it is not a table or column (index, constraint, type). */
  readonly object?: string;
  readonly risk: Risk;
  readonly reasons: readonly string[];
}

/**
 * One migration to run. A step runs in one transaction unless `transactional` is false; then it
 * holds exactly one statement each way, so that every runner (golang-migrate included) can run it
 * outside a transaction.
 */
export interface Step {
  readonly name: string;
  readonly phase: Phase;
  readonly transactional: boolean;
  readonly up: readonly string[];
  /** Undoes `up`; never empty. */
  readonly down: readonly string[];
  /** What must be deployed, or checked, before this step runs. */
  readonly deploy: string;
  /** Set when the down cannot bring back data the up removes: says which. */
  readonly dataLoss?: string;
  /**
   * Breaking statements of `up` confirmed at plan time: each is written into the file as a
   * `-- lockstep-confirm <rule> <object>: <reason>` marker above its statement, so that `lint`
   * and `check` accept it there too.
   */
  readonly confirmations?: readonly Confirmation[];
  /**
   * `up` and `down` as the records the recipes made, one a statement: what each locks and whether
   * it can run in a transaction, so nobody downstream parses SQL Lockstep wrote. Absent from the
   * `--format json` contract, and from steps kept by an older Lockstep.
   */
  readonly statements?: { readonly up: readonly PlannedStatement[]; readonly down: readonly PlannedStatement[] };
}

/** A table lock a statement asks for, as the dialect documents it (`ACCESS EXCLUSIVE` on `users`). */
export interface TableLock {
  readonly mode: string;
  readonly relation: string;
}

/**
 * One planned statement: its SQL and what the dialect knows of it, found once where the record is
 * made and carried from recipe to step, writer and report. Its reverse is its op's `down`.
 */
export interface PlannedStatement {
  readonly sql: string;
  /** The change it was planned for (`add_index`); absent for a step's own statements (lock_timeout). */
  readonly change?: ChangeKind;
  /** False when it must run outside a transaction block (CREATE INDEX CONCURRENTLY, a batched backfill). */
  readonly transactional: boolean;
  /** The table locks it asks for; undefined where they are its inner statements' (a DO block). */
  readonly lock?: readonly TableLock[];
  /**
   * Tables it locks heavily enough to queue behind running queries: a step in which one of them
   * was not created before it wants a lock timeout.
   */
  readonly queues: readonly string[];
  /** Tables it creates (a lock on one of those queues behind nobody). */
  readonly creates: readonly string[];
  /** Changes only the session (SET …): once is enough in one transaction. */
  readonly session?: true;
  /** When it cannot run in a transaction block: the same change in a form that can, if there is one. */
  readonly inTransaction?: string;
  /** Hazards it keeps (no safer form exists), as its recipe declared them. */
  readonly hazards?: readonly Finding[];
}

/** One lint finding a statement of a step's up was confirmed for (see Step.confirmations). */
export interface Confirmation {
  /** 0-based index of the statement in `up`. */
  readonly statement: number;
  readonly rule: string;
  readonly object: string;
  readonly reason: string;
}

export interface Plan {
  readonly verdict: Verdict;
  readonly changes: readonly ChangeReport[];
  readonly steps: readonly Step[];
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
}

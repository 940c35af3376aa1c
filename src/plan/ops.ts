import type { Dialect } from "../dialects/dialect.js";
import type { Change } from "../diff/changes.js";
import type { Finding } from "../schema/finding.js";
import type { Schema, Table } from "../schema/model.js";
import type { ChangeKind, PlannedStatement, Risk } from "./model.js";

/**
 * The planner's working unit. A recipe turns one change into ops; each op lands in a stage (which
 * decides its step) at a rank (which orders statements inside a step so each one can run).
 */
export type Stage =
  /** ALTER TYPE … ADD VALUE, alone: a new value cannot be used in the transaction that adds it. */
  | "enum"
  /** One transaction: safe changes, NOT VALID constraints, the expand half of breaking changes. */
  | "main"
  /** One statement each, outside a transaction: CREATE/DROP INDEX CONCURRENTLY. */
  | "concurrent"
  /** VALIDATE CONSTRAINT (and SET NOT NULL behind a validated CHECK), in a transaction of its own. */
  | "validate"
  /** ADD CONSTRAINT … USING INDEX, once the index is built; foreign keys onto keys the plan builds. */
  | "attach"
  /** VALIDATE of the foreign keys added in the attach step, in a transaction of its own. */
  | "attach-validate"
  /** Batched updates, one statement each, outside a transaction (they commit per batch). */
  | "backfill"
  /** After the backfill: CHECK (c IS NOT NULL) NOT VALID for columns that become required. */
  | "contract-check"
  /** VALIDATE, SET NOT NULL, DROP the CHECK. */
  | "contract-validate"
  /** Drops and swaps, once the code no longer uses what goes away. */
  | "contract";

export const STAGE_ORDER: readonly Stage[] = [
  "enum",
  "main",
  "concurrent",
  "validate",
  "attach",
  "attach-validate",
  "backfill",
  "contract-check",
  "contract-validate",
  "contract",
];

/** Stages whose ops each run alone outside a transaction. */
export const NON_TRANSACTIONAL: ReadonlySet<Stage> = new Set(["concurrent", "backfill"]);

/**
 * Ranks inside a step, so that every statement finds what it needs: drops of foreign keys before
 * the tables they point at, new tables before the constraints that point at them.
 */
export const RANK = {
  createNamespace: 0,
  /** VALIDATE before anything in its step takes ACCESS EXCLUSIVE. */
  validate: 5,
  createEnum: 1,
  createSequence: 2,
  dropForeignKey: 10,
  dropConstraint: 11,
  dropTable: 12,
  dropColumn: 13,
  createTable: 20,
  rename: 21,
  addColumn: 22,
  alterColumn: 23,
  addConstraint: 30,
  addForeignKey: 40,
  dropEnum: 50,
  dropSequence: 51,
  dropNamespace: 52,
  /** After every VALIDATE of the step: SET NOT NULL behind a validated CHECK. */
  afterValidate: 60,
  /** A key attached over columns the step just made NOT NULL. */
  afterNotNull: 61,
} as const;

/**
 * An op's statements are records (PlannedStatement); a dialect's recipes may write them as SQL text
 * (`Op<string>`) and make each a record once, where they hand the recipe to the planner.
 */
export interface Op<S = PlannedStatement> {
  readonly stage: Stage;
  readonly rank: number;
  readonly up: readonly S[];
  /** The reverse of `up`, in the order it runs. */
  readonly down: readonly S[];
  /** What must ship before this op's step (the code change a breaking change needs). */
  readonly deploy?: string;
  /** True when `deploy` asks for a code deploy between steps. */
  readonly needsCodeDeploy?: boolean;
  readonly dataLoss?: string;
  /** Set on the ops of a breaking change confirmed at plan time: the reason its markers give. */
  readonly confirmed?: string;
  /** A short name for a step that holds this op alone (`create_index_users_email_idx`). */
  readonly label?: string;
  /**
   * Other changes of the plan whose ops must all have run: the planner moves this op to the latest
   * of their stages, where its rank puts it after them (and its down before theirs). A type is
   * dropped once the columns that used it have changed or gone, wherever their recipes put that.
   */
  readonly after?: readonly Change[];
  /** Hazards the op's own SQL keeps (no safer form exists): declared where the SQL is made. */
  readonly findings?: readonly Finding[];
  /**
   * A setting the op's step needs outside its transaction: `before` runs alone just before the
   * step, `after` just after it, each the other's reverse (SQLite's `PRAGMA foreign_keys=OFF`
   * around a table rebuild: it does nothing inside a transaction). Once per step.
   */
  readonly around?: { readonly before: PlannedStatement; readonly after: PlannedStatement; readonly label: string };
}

/** What a recipe says about one change. */
export interface Recipe<S = PlannedStatement> {
  readonly kind: ChangeKind;
  readonly table?: string;
  readonly column?: string;
  readonly object?: string;
  readonly risk: Risk;
  readonly reasons: readonly string[];
  readonly ops: readonly Op<S>[];
  readonly findings?: readonly Finding[];
  /** A column that needs `--backfill` before the change can be planned: `users.role` and its type. */
  readonly missingBackfill?: { readonly column: string; readonly type: string };
}

export interface PlanOptions {
  /** The dialect the plan is written in: its recipes, its lock and transaction rules. */
  readonly dialect: Dialect;
  /** The production server's major version: what is safe depends on it. */
  readonly postgresVersion: number;
  /** The oldest SQLite the migration must run on (`3.35`); the SQLite dialect's default without it. */
  readonly sqliteVersion?: string;
  readonly allowBreaking: boolean;
  /** How breaking changes were confirmed, for the markers written into the files (default: the flags). */
  readonly confirmedBy?: "flags" | "prompt";
  /** `schema.table.column` → SQL expression for rows that need a value. */
  readonly backfills: ReadonlyMap<string, string>;
  readonly lockTimeout: string;
  readonly batchSize: number;
}

/** Every option but the dialect, which the command picks and hands down. */
export const defaultPlanOptions: Omit<PlanOptions, "dialect"> = {
  postgresVersion: 14,
  allowBreaking: false,
  backfills: new Map(),
  lockTimeout: "2s",
  batchSize: 1000,
};

export interface PlanContext {
  readonly options: PlanOptions;
  readonly from: Schema;
  readonly to: Schema;
  readonly changes: readonly Change[];
}

export type RecipeFn<C extends Change = Change, S = PlannedStatement> = (change: C, ctx: PlanContext) => Recipe<S>;

export function backfillKey(table: Table, column: string): string {
  return `${table.schema}.${table.name}.${column}`;
}

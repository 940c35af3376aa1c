import type { MigrationFile } from "../frameworks/framework.js";
import type { Step } from "../plan/model.js";
import type { Finding } from "../schema/finding.js";

/** `required`: do it before this deploy; `recommended`: this deploy is the kind that needs it; `done`; `n/a`. */
export type ChecklistStatus = "required" | "recommended" | "done" | "n/a";

export interface ChecklistItem {
  readonly item: string;
  readonly status: ChecklistStatus;
  readonly detail: string;
}

export interface ChecklistInput {
  /** The steps planned for the changes not migrated yet. */
  readonly steps: readonly Step[];
  /** The migrations this deploy runs (those under test). */
  readonly migrations: readonly MigrationFile[];
  /** Every finding of the check (lint, verify, plan). */
  readonly findings: readonly Finding[];
}

/** Rules whose statements hold a heavy lock for long, or scan or rewrite a table: off-peak material. */
const LONG_LOCK_RULES = new Set([
  "require-concurrent-index",
  "require-concurrent-index-drop",
  "add-foreign-key-not-valid",
  "add-check-not-valid",
  "add-unique-constraint",
  "add-primary-key",
  "set-not-null-scan",
  "type-change-rewrite",
  "narrowing-type-change",
  "volatile-default-rewrite",
  "add-stored-generated-column",
  "table-rewrite-maintenance",
  "unbatched-backfill",
  "reindex-without-concurrently",
]);
const DATA_LOSS_RULES = new Set(["drop-column", "drop-table", "drop-schema", "truncate-table", "lossy-down"]);

const list = (names: readonly string[]) => [...new Set(names)].join(", ");

/**
 * The pre-deploy checklist of a migration review, filled from what this deploy really does: the
 * planned steps, the migrations under test and what lint and verify found in them.
 */
export function preDeployChecklist(input: ChecklistInput): ChecklistItem[] {
  const { steps, migrations, findings } = input;
  const where = (rules: ReadonlySet<string>) =>
    findings.filter((f) => rules.has(f.rule)).map((f) => (f.file ? `${f.file}:${f.line ?? 1}` : f.rule));
  const lossy = [...steps.filter((s) => s.dataLoss).map((s) => s.name), ...where(DATA_LOSS_RULES)];
  const noTimeout = where(new Set(["require-lock-timeout"]));
  const longLocks = where(LONG_LOCK_RULES);
  const backfills = steps.filter((s) => s.phase === "backfill").map((s) => s.name);
  const outside = [
    ...steps.filter((s) => !s.transactional).map((s) => s.name),
    ...migrations.filter((m) => !m.up.transactional).map((m) => m.up.file),
  ];
  const concurrent = [
    ...outside,
    ...findings.filter((f) => f.rule === "unbatched-backfill").map((f) => `${f.file}:${f.line ?? 1}`),
  ];
  return [
    {
      item: "Backup",
      status: "required",
      detail: lossy.length
        ? `take a backup (or confirm point-in-time recovery): a rollback cannot bring back the data of ${list(lossy)}`
        : "take a backup, or confirm point-in-time recovery covers this deploy",
    },
    {
      item: "Tested on production-sized data",
      status: backfills.length || longLocks.length ? "required" : "recommended",
      detail:
        backfills.length || longLocks.length
          ? `run ${list([...backfills, ...longLocks])} on a copy of production: their time grows with the table`
          : "verified here on a throwaway database; run it on a copy of production to see real durations",
    },
    {
      item: "Lock timeouts",
      status: noTimeout.length ? "required" : "done",
      detail: noTimeout.length
        ? `set lock_timeout before the heavy locks at ${list(noTimeout)}, so a blocked migration fails fast instead of queueing every query behind it`
        : "every heavy lock on an existing table is taken under lock_timeout",
    },
    {
      item: "Off-peak window",
      status: longLocks.length || backfills.length ? "recommended" : "n/a",
      detail:
        longLocks.length || backfills.length
          ? `deploy when traffic is low: ${list([...longLocks, ...backfills])} hold locks or scan whole tables`
          : "no statement holds a heavy lock for long",
    },
    {
      item: "Connection pool headroom",
      status: concurrent.length || backfills.length ? "recommended" : "n/a",
      detail:
        concurrent.length || backfills.length
          ? `${list([...concurrent, ...backfills])} keep a connection busy for a long time: leave the pool room for it`
          : "no long-running statement",
    },
    {
      item: "Steps outside a transaction",
      status: outside.length ? "required" : "n/a",
      detail: outside.length
        ? `${list(outside)} run outside a transaction: if one fails half-way (an INVALID index), drop what it left before running it again`
        : "every step runs in a transaction",
    },
  ];
}

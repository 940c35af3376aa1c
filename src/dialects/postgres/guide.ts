/**
 * What PostgreSQL's migration guide says beyond the plan: what to watch while steps run (its
 * progress and activity views), and the locks a statement run outside a transaction holds where
 * the trace cannot read them.
 */
import type { Step } from "../../plan/model.js";

/** What to watch while a step runs, from what its statements do. */
export function monitoringHints(steps: readonly Step[]): string[] {
  const sql = steps.flatMap((s) => s.up).join("\n");
  const hints: string[] = [];
  if (/\bCONCURRENTLY\b/i.test(sql))
    hints.push(
      "Index builds: `SELECT phase, blocks_done, blocks_total FROM pg_stat_progress_create_index;` shows progress; afterwards `SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid;` must return nothing (an INVALID index is dropped and built again).",
    );
  if (/\bVALIDATE CONSTRAINT\b/i.test(sql))
    hints.push(
      "Validation scans the table without blocking reads or writes; a violation fails the step and leaves the constraint NOT VALID: fix the rows and run it again.",
    );
  if (steps.some((s) => s.phase === "backfill"))
    hints.push(
      "Backfills commit batch by batch: watch replication lag (`SELECT client_addr, replay_lag FROM pg_stat_replication;`) and pause between batches if it grows; the step can be stopped and run again.",
    );
  if (/\block_timeout\b/i.test(sql))
    hints.push(
      "A step that cannot get its lock within lock_timeout fails instead of queueing traffic behind it: look for `canceling statement due to lock timeout` and run the step again, off-peak if it keeps failing.",
    );
  hints.push(
    "Lock waits while it runs: `SELECT pid, wait_event_type, state, left(query, 80) FROM pg_stat_activity WHERE wait_event_type = 'Lock';`.",
    "After each deploy: the application's error rate and p95 latency against the hour before.",
  );
  return hints;
}

/** What a statement run outside a transaction holds, where the SQL says (CONCURRENTLY); else nothing known. */
export function locksOutsideTransaction(sql: string): string | undefined {
  return /\bCONCURRENTLY\b/i.test(sql)
    ? "CONCURRENTLY holds SHARE UPDATE EXCLUSIVE: reads and writes go on"
    : undefined;
}

import type { Database } from "../engines/engine.js";
import { EngineError } from "../engines/engine.js";
import { introspect } from "../dialects/postgres/introspect.js";
import { describeChange } from "../diff/describe.js";
import { diffSchemas } from "../diff/diff.js";
import type { Step } from "../plan/model.js";
import type { Schema } from "../schema/model.js";

/**
 * Runs a plan on a database in the current state: every step up (the schema must equal the
 * desired one), then every step down in reverse (it must equal the current one again). Steps run
 * as they will in production: in a transaction or, for CONCURRENTLY and batched backfills, alone.
 */
export interface SelfCheckResult {
  readonly ok: boolean;
  /** What went wrong, one line each. */
  readonly problems: readonly string[];
}

export async function runStep(db: Database, step: Step, direction: "up" | "down"): Promise<void> {
  const statements = step[direction];
  if (step.transactional) await db.exec("BEGIN");
  try {
    for (const sql of statements) await db.exec(sql);
    if (step.transactional) await db.exec("COMMIT");
  } catch (err) {
    if (step.transactional) await db.exec("ROLLBACK").catch(() => {});
    throw err;
  }
}

export async function selfCheck(
  db: Database,
  steps: readonly Step[],
  from: Schema,
  to: Schema,
): Promise<SelfCheckResult> {
  const problems: string[] = [];
  const run = async (step: Step, direction: "up" | "down") => {
    try {
      await runStep(db, step, direction);
      return true;
    } catch (err) {
      const msg = err instanceof EngineError ? err.message : String(err);
      problems.push(`step ${step.name} (${direction}) failed: ${msg}`);
      return false;
    }
  };
  for (const step of steps) if (!(await run(step, "up"))) return { ok: false, problems };
  const afterUp = diffSchemas(to, await introspect(db));
  for (const c of afterUp) problems.push(`after up, the schema differs from the desired one: ${describeChange(c)}`);
  for (const step of [...steps].reverse()) if (!(await run(step, "down"))) return { ok: false, problems };
  const afterDown = diffSchemas(from, await introspect(db));
  for (const c of afterDown) problems.push(`after down, the schema differs from the current one: ${describeChange(c)}`);
  return { ok: problems.length === 0, problems };
}

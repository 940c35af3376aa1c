import type { Dialect } from "../dialects/dialect.js";
import type { Database } from "../engines/engine.js";
import { EngineError } from "../engines/engine.js";
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

/** A step that failed on the engine: its name, the direction, the engine's message and SQLSTATE. */
export class StepError extends Error {
  override name = "StepError";
  constructor(
    message: string,
    /** The engine's SQLSTATE, when it gave one. */
    readonly code: string,
  ) {
    super(message);
  }
}

/** Runs steps one direction (down in reverse); throws StepError naming the step that failed. */
export async function runSteps(db: Database, steps: readonly Step[], direction: "up" | "down"): Promise<void> {
  for (const step of direction === "up" ? steps : [...steps].reverse()) {
    try {
      await runStep(db, step, direction);
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      throw new StepError(`step ${step.name} (${direction}) failed: ${err.message}`, err.code ?? "");
    }
  }
}

/** Runs steps up, then down: the first StepError, or undefined when both directions ran. */
export async function failureUpAndDown(db: Database, steps: readonly Step[]): Promise<StepError | undefined> {
  try {
    await runSteps(db, steps, "up");
    await runSteps(db, steps, "down");
    return undefined;
  } catch (err) {
    if (err instanceof StepError) return err;
    throw err;
  }
}

export async function selfCheck(
  db: Database,
  steps: readonly Step[],
  from: Schema,
  to: Schema,
  dialect: Dialect,
): Promise<SelfCheckResult> {
  const problems: string[] = [];
  try {
    await runSteps(db, steps, "up");
    const afterUp = diffSchemas(to, await dialect.introspect(db), dialect);
    for (const c of afterUp) problems.push(`after up, the schema differs from the desired one: ${describeChange(c)}`);
    await runSteps(db, steps, "down");
  } catch (err) {
    if (!(err instanceof StepError)) throw err;
    return { ok: false, problems: [...problems, err.message] };
  }
  const afterDown = diffSchemas(from, await dialect.introspect(db), dialect);
  for (const c of afterDown) problems.push(`after down, the schema differs from the current one: ${describeChange(c)}`);
  return { ok: problems.length === 0, problems };
}

import type { Dialect } from "../dialects/dialect.js";
import { type Database, EngineError } from "../engines/engine.js";
import type { Step } from "../plan/model.js";
import { InputError } from "../util/errors.js";
import { type TracedStatement, traceSection } from "./section.js";

/**
 * Runs planned steps up, in order, on a database in the current state, tracing every statement
 * (locks, rewrites, duration), as the steps will run in production: in a transaction, or alone.
 * The database is left with the steps applied. Undefined when a step fails: the plan's own
 * self-check reports failures, a guide then says the plan was not traced.
 */
export async function traceSteps(
  db: Database,
  steps: readonly Step[],
  dialect: Dialect,
): Promise<TracedStatement[][] | undefined> {
  const traced: TracedStatement[][] = [];
  try {
    for (const step of steps) {
      const text = step.up.map((sql) => `${sql};`).join("\n");
      const section = { text, file: step.name, startLine: 1, transactional: step.transactional };
      traced.push(await traceSection(db, section, dialect));
    }
    return traced;
  } catch (err) {
    // The engine refused a statement (located as an InputError); anything else is a bug to surface.
    if (err instanceof InputError || err instanceof EngineError) return undefined;
    throw err;
  }
}

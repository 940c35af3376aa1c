import type { Dialect } from "../dialects/dialect.js";
import type { Database } from "../engines/engine.js";
import type { Step } from "../plan/model.js";
import type { Schema } from "../schema/model.js";
import { seedTables } from "./seed.js";
import { failureUpAndDown } from "./self-check.js";

/**
 * The plan run again, up then down, over rows: on empty tables a batched backfill's UPDATE, a
 * trigger's body or a USING cast never runs, so a conversion that fails on every value passes
 * unseen. `schema` is the state `db` is in (the plan's current schema, or the part it touches);
 * each of its tables gets `rows` rows of values of its column types first.
 *
 * A failure is a problem when no data could pass (a cast the database does not have, a function
 * that does not exist). A data exception or a constraint violation depends on the values (the
 * dialect tells which error codes are those), and the sample values are not the user's: it is a
 * note, not a problem.
 */
export interface RowsCheck {
  readonly problems: readonly string[];
  readonly notes: readonly string[];
}

export const SAMPLE_ROWS = 3;

export async function checkWithRows(
  db: Database,
  steps: readonly Step[],
  schema: Schema,
  dialect: Dialect,
): Promise<RowsCheck> {
  // No table to put rows in (a plan from an empty database): the run on empty tables said it all.
  if (schema.tables.length === 0) return { problems: [], notes: [] };
  await seedTables(db, schema, schema.tables, SAMPLE_ROWS, dialect);
  const failed = await failureUpAndDown(db, steps);
  if (!failed) return { problems: [], notes: [] };
  const line = `with ${SAMPLE_ROWS} sample rows in each table, ${failed.message}`;
  return dialect.dependsOnValues(failed.code)
    ? { problems: [], notes: [`${line} (it depends on the values: check that yours pass)`] }
    : { problems: [line], notes: [] };
}

import type { Dialect } from "../dialects/dialect.js";
import type { Database } from "../engines/engine.js";
import type { SqlSection } from "../frameworks/framework.js";
import type { Finding } from "../schema/finding.js";
import { explain } from "./explain.js";
import { type TracedStatement, traceSection } from "./section.js";

/**
 * One migration traced and explained, the one way `trace` and `verify` both do it: the tables
 * that exist before it are read from the catalog just before it runs (a table an earlier
 * migration created exists, with rows, when this one is deployed), then each statement's locks
 * and rewrites are recorded and turned into findings. `lint` is what the linter found in it (the
 * rules named in the findings); `tables` limits the rewrite watch (see traceSection).
 */
export async function traceMigration(
  db: Database,
  section: SqlSection,
  lint: readonly Finding[],
  dialect: Dialect,
  tables?: readonly string[],
): Promise<{ statements: TracedStatement[]; findings: Finding[] }> {
  const existing = await dialect.existingTables(db);
  const statements = await traceSection(db, section, dialect, tables);
  return { statements, findings: explain(statements, existing, lint, dialect) };
}

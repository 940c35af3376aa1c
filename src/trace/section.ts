import type { Dialect } from "../dialects/dialect.js";
import type { Database } from "../engines/engine.js";
import type { SqlSection } from "../frameworks/framework.js";
import { runStatement, statementsOf, unitOf } from "../sources/execute.js";
import type { Lock, Observation } from "./observe.js";

export interface TracedStatement {
  readonly file: string;
  readonly line: number;
  readonly sql: string;
  readonly locks: readonly Lock[];
  readonly rewrites: readonly string[];
  readonly ms: number;
  /** The lock_timeout in effect when it ran ("0": none). */
  readonly lockTimeout: string;
}

/**
 * Runs a migration section as its runner would (in one transaction, or statement by statement)
 * and records, for each statement, the locks it took, the tables it rewrote, the lock_timeout in
 * effect and its duration. `tables` limits the rewrite watch to those `schema.name` keys (the
 * tables the section can touch); default: every table. An engine error is an InputError at the
 * statement; the section's transaction is rolled back first.
 */
export async function traceSection(
  db: Database,
  section: SqlSection,
  dialect: Dialect,
  tables?: readonly string[],
): Promise<TracedStatement[]> {
  const unit = unitOf(section);
  const stmts = statementsOf(unit, dialect);
  const out: TracedStatement[] = [];
  // SQL that writes its own BEGIN and COMMIT runs statement by statement, as executeUnits runs it:
  // the file's transaction is the one its statements hold their locks in.
  const ownControl = stmts.some((s) => dialect.isTransactionControl(s));
  const inTransaction = section.transactional && !ownControl;
  let inFileTransaction = false;
  let open = false;
  const begin = async () => {
    await db.exec("BEGIN");
    open = true;
  };
  const commit = async () => {
    await db.exec("COMMIT");
    open = false;
  };
  try {
    if (inTransaction) await begin();
    // Inside one transaction locks only accumulate: what a statement took is what the previous
    // observation lacked. A transaction just begun holds none.
    let previous: Observation = await dialect.observe(db, false, tables);
    for (const stmt of stmts) {
      // A statement that runs alone gets a transaction of its own for the trace, when it allows one,
      // so its locks can be read before they are released.
      const own =
        !inTransaction &&
        !inFileTransaction &&
        !dialect.outsideTransactionOnly(stmt) &&
        !dialect.isTransactionControl(stmt);
      if (own) await begin();
      const started = performance.now();
      await runStatement(db, stmt, unit.origin, dialect);
      const ms = performance.now() - started;
      const control = dialect.transactionControl(stmt);
      if (control) inFileTransaction = control === "begin";
      const now = await dialect.observe(db, inTransaction || own || inFileTransaction, tables);
      if (own) await commit();
      const held = own ? [] : previous.locks;
      out.push({
        file: section.file,
        line: stmt.line,
        sql: stmt.sql,
        locks: now.locks.filter((l) => !held.some((b) => b.relation === l.relation && b.mode === l.mode)),
        rewrites: [...previous.files].filter(([t, f]) => now.files.has(t) && now.files.get(t) !== f).map(([t]) => t),
        ms: Math.round(ms * 100) / 100,
        lockTimeout: previous.timeout,
      });
      previous = now;
    }
    // Committed, so the next migration finds it.
    if (inTransaction) await commit();
  } catch (err) {
    if (open || inFileTransaction) await db.exec("ROLLBACK").catch(() => {});
    throw err;
  }
  return out;
}

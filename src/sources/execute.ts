import type { Dialect } from "../dialects/dialect.js";
import type { Database } from "../engines/engine.js";
import { EngineError } from "../engines/engine.js";
import type { SqlSection } from "../frameworks/framework.js";
import { type SqlOrigin, type SqlStatement, SqlSyntaxError } from "../schema/statement.js";
import { InputError } from "../util/errors.js";

/**
 * SQL text to run, parsed once. `transaction`: all of it in one transaction (a migration);
 * `autocommit`: statement by statement; `grouped`: a declarative file, run in as few transactions
 * as its statements allow (those that must run alone, such as CONCURRENTLY or ADD VALUE, end a group,
 * and a group ends at the dialect's statementsPerTransaction, inside the server's lock table).
 */
export interface SqlUnit {
  readonly text: string;
  readonly origin: SqlOrigin;
  readonly mode: "transaction" | "autocommit" | "grouped";
}

const units = new WeakMap<SqlSection, SqlUnit>();

/**
 * A migration section as a unit: in one transaction, or statement by statement, as its format runs
 * it. The same unit for the same section, so it is parsed once however often it runs (verify runs an
 * up twice and reads its statements a third time).
 */
export function unitOf(section: SqlSection): SqlUnit {
  let unit = units.get(section);
  if (!unit) {
    unit = {
      text: section.text,
      origin: { file: section.file, startLine: section.startLine },
      mode: section.transactional ? "transaction" : "autocommit",
    };
    units.set(section, unit);
  }
  return unit;
}

/** Each dialect's statements of a unit, parsed once. */
const parsed = new WeakMap<Dialect, WeakMap<SqlUnit, SqlStatement[]>>();

export function statementsOf(unit: SqlUnit, dialect: Dialect): SqlStatement[] {
  let byUnit = parsed.get(dialect);
  if (!byUnit) parsed.set(dialect, (byUnit = new WeakMap()));
  let stmts = byUnit.get(unit);
  if (!stmts) {
    try {
      stmts = dialect.split(unit.text, unit.origin);
    } catch (err) {
      if (err instanceof SqlSyntaxError) throw new InputError(err.reason, err.file, err.line, err.column);
      throw err;
    }
    byUnit.set(unit, stmts);
  }
  return stmts;
}

/**
 * True when every statement can run inside one transaction that the caller holds (and may roll
 * back), and they are few enough for the locks they take (the dialect's statementsPerTransaction).
 */
export function fitsInOneTransaction(units: readonly SqlUnit[], dialect: Dialect): boolean {
  let count = 0;
  return units.every((u) =>
    statementsOf(u, dialect).every(
      (s) =>
        !dialect.outsideTransactionOnly(s) &&
        !dialect.isTransactionControl(s) &&
        ++count <= dialect.statementsPerTransaction,
    ),
  );
}

/** Runs the units in order; with `inOpenTransaction`, inside the caller's transaction, with no commits. */
export async function executeUnits(
  db: Database,
  units: readonly SqlUnit[],
  dialect: Dialect,
  inOpenTransaction = false,
): Promise<void> {
  for (const unit of units) {
    const stmts = statementsOf(unit, dialect);
    if (inOpenTransaction) {
      for (const s of stmts) await runStatement(db, s, unit.origin, dialect);
      continue;
    }
    const ownControl = stmts.some((s) => dialect.isTransactionControl(s));
    const mode = ownControl ? "autocommit" : unit.mode;
    if (mode === "autocommit") {
      for (const s of stmts) await runStatement(db, s, unit.origin, dialect);
    } else if (mode === "transaction") {
      await inTransaction(db, () => runAll(db, stmts, unit.origin, dialect));
    } else {
      let group: SqlStatement[] = [];
      const flush = async () => {
        if (group.length) await inTransaction(db, () => runAll(db, group, unit.origin, dialect));
        group = [];
      };
      for (const s of stmts) {
        if (dialect.outsideTransactionOnly(s)) {
          await flush();
          await runStatement(db, s, unit.origin, dialect);
        } else {
          group.push(s);
          if (group.length >= dialect.statementsPerTransaction) await flush();
        }
      }
      await flush();
    }
  }
}

/** Runs SQL text as one unit (see SqlUnit for the modes). */
export function executeSql(
  db: Database,
  text: string,
  origin: SqlOrigin,
  transactional: boolean,
  dialect: Dialect,
): Promise<void> {
  return executeUnits(db, [{ text, origin, mode: transactional ? "transaction" : "autocommit" }], dialect);
}

async function runAll(
  db: Database,
  stmts: readonly SqlStatement[],
  origin: SqlOrigin,
  dialect: Dialect,
): Promise<void> {
  for (const s of stmts) await runStatement(db, s, origin, dialect);
}

async function inTransaction(db: Database, body: () => Promise<void>): Promise<void> {
  await db.exec("BEGIN");
  try {
    await body();
  } catch (err) {
    await db.exec("ROLLBACK").catch(() => {});
    throw err;
  }
  await db.exec("COMMIT");
}

/** Runs one statement; an engine error becomes an InputError at its file, line and column. */
export async function runStatement(
  db: Database,
  stmt: SqlStatement,
  origin: SqlOrigin,
  dialect: Dialect,
): Promise<void> {
  try {
    await db.exec(stmt.sql);
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    const at = positionIn(stmt.sql, err.position, stmt.line, stmt.column);
    throw new InputError(`${err.message}${dialect.errorHint(err)}`, origin.file, at.line, at.column);
  }
}

/** The file position of a 1-based character position inside a statement that starts at line:column. */
function positionIn(sql: string, position: number | undefined, line: number, column: number) {
  if (!position || position < 1) return { line, column };
  const before = sql.slice(0, position - 1);
  const lines = before.split("\n");
  if (lines.length === 1) return { line, column: column + before.length };
  return { line: line + lines.length - 1, column: lines[lines.length - 1]!.length + 1 };
}

/** Names of the extensions the units create (`CREATE EXTENSION`), so an embedded engine can load them. */
export function extensionsCreated(units: readonly SqlUnit[], dialect: Dialect): string[] {
  const names = new Set<string>();
  for (const u of units) {
    // Parsing a whole history to find none would cost more than the rest of a cached run.
    if (!/create\s+extension/i.test(u.text)) continue;
    for (const s of statementsOf(u, dialect)) {
      const name = dialect.extensionCreated(s);
      if (name !== undefined) names.add(name);
    }
  }
  return [...names];
}

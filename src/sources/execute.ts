import type { Database } from "../engines/engine.js";
import { EngineError } from "../engines/engine.js";
import { parseSql, type SqlOrigin, type SqlStatement, SqlSyntaxError } from "../dialects/postgres/parse.js";
import {
  isTransactionControl,
  outsideTransactionOnly,
  STATEMENTS_PER_TRANSACTION,
} from "../dialects/postgres/transactions.js";
import type { SqlSection } from "../frameworks/framework.js";
import { InputError } from "../util/errors.js";

/**
 * SQL text to run, parsed once. `transaction`: all of it in one transaction (a migration);
 * `autocommit`: statement by statement; `grouped`: a declarative file, run in as few transactions
 * as its statements allow (those that must run alone, such as CONCURRENTLY or ADD VALUE, end a group,
 * and a group ends at STATEMENTS_PER_TRANSACTION statements, inside the server's lock table).
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

const parsed = new WeakMap<SqlUnit, SqlStatement[]>();

export function statementsOf(unit: SqlUnit): SqlStatement[] {
  let stmts = parsed.get(unit);
  if (!stmts) {
    try {
      stmts = parseSql(unit.text, unit.origin);
    } catch (err) {
      if (err instanceof SqlSyntaxError) throw new InputError(err.reason, err.file, err.line, err.column);
      throw err;
    }
    parsed.set(unit, stmts);
  }
  return stmts;
}

/**
 * True when every statement can run inside one transaction that the caller holds (and may roll
 * back), and they are few enough for the locks they take (STATEMENTS_PER_TRANSACTION).
 */
export function fitsInOneTransaction(units: readonly SqlUnit[]): boolean {
  let count = 0;
  return units.every((u) =>
    statementsOf(u).every(
      (s) => !outsideTransactionOnly(s.ast) && !isTransactionControl(s.ast) && ++count <= STATEMENTS_PER_TRANSACTION,
    ),
  );
}

/** Runs the units in order; with `inOpenTransaction`, inside the caller's transaction, with no commits. */
export async function executeUnits(db: Database, units: readonly SqlUnit[], inOpenTransaction = false): Promise<void> {
  for (const unit of units) {
    const stmts = statementsOf(unit);
    if (inOpenTransaction) {
      for (const s of stmts) await runStatement(db, s, unit.origin);
      continue;
    }
    const ownControl = stmts.some((s) => isTransactionControl(s.ast));
    const mode = ownControl ? "autocommit" : unit.mode;
    if (mode === "autocommit") {
      for (const s of stmts) await runStatement(db, s, unit.origin);
    } else if (mode === "transaction") {
      await inTransaction(db, () => runAll(db, stmts, unit.origin));
    } else {
      let group: SqlStatement[] = [];
      const flush = async () => {
        if (group.length) await inTransaction(db, () => runAll(db, group, unit.origin));
        group = [];
      };
      for (const s of stmts) {
        if (outsideTransactionOnly(s.ast)) {
          await flush();
          await runStatement(db, s, unit.origin);
        } else {
          group.push(s);
          if (group.length >= STATEMENTS_PER_TRANSACTION) await flush();
        }
      }
      await flush();
    }
  }
}

/** Runs SQL text as one unit (see SqlUnit for the modes). */
export function executeSql(db: Database, text: string, origin: SqlOrigin, transactional: boolean): Promise<void> {
  return executeUnits(db, [{ text, origin, mode: transactional ? "transaction" : "autocommit" }]);
}

async function runAll(db: Database, stmts: readonly SqlStatement[], origin: SqlOrigin): Promise<void> {
  for (const s of stmts) await runStatement(db, s, origin);
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
export async function runStatement(db: Database, stmt: SqlStatement, origin: SqlOrigin): Promise<void> {
  try {
    await db.exec(stmt.sql);
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    const at = positionIn(stmt.sql, err.position, stmt.line, stmt.column);
    const hint = /^extension ".+" is not available/.test(err.message)
      ? " (use --dev-url with a PostgreSQL server that has it)"
      : "";
    throw new InputError(`${err.message}${hint}`, origin.file, at.line, at.column);
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
export function extensionsCreated(units: readonly SqlUnit[]): string[] {
  const names = new Set<string>();
  for (const u of units) {
    // Parsing a whole history to find none would cost more than the rest of a cached run.
    if (!/create\s+extension/i.test(u.text)) continue;
    for (const s of statementsOf(u))
      if (s.kind === "CreateExtensionStmt")
        names.add(String((s.ast.CreateExtensionStmt as { extname: string }).extname));
  }
  return [...names];
}

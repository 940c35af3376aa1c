import { initParser, type SqlStatement, SqlSyntaxError } from "../dialects/postgres/parse.js";
import { outsideTransactionOnly } from "../dialects/postgres/transactions.js";
import type { Database } from "../engines/engine.js";
import { EngineError } from "../engines/engine.js";
import { openEngine } from "../engines/index.js";
import { PostgresEngine } from "../engines/postgres.js";
import type { SqlSection } from "../formats/format.js";
import { sectionsOf } from "../lint/files.js";
import { lintSections } from "../lint/run.js";
import type { Verdict } from "../plan/model.js";
import type { Finding } from "../report/finding.js";
import { verdictOf } from "../report/verdict.js";
import { RULES } from "../rules/index.js";
import { executeUnits, statementsOf, unitOf } from "../sources/execute.js";
import { resolveSource } from "../sources/index.js";
import { InputError } from "../util/errors.js";
import { BLOCKING_MODES, heldLocks, type Lock, lockTimeout, storageFiles } from "./observe.js";

export interface TraceRequest {
  /** A migrations folder, or one migration file in it. */
  readonly path: string;
  /** How many of the newest migrations to trace (a folder); default 1. `all` traces every one. */
  readonly last?: number | "all";
  /** The database before the folder's first migration (a source spec); default: empty. */
  readonly schema?: string;
  readonly cwd?: string;
  readonly devUrl?: string;
  readonly cacheDir?: string;
  readonly postgresVersion?: number;
  /** Keep the traced database (a server's) instead of dropping it; its name is in the result. */
  readonly keep?: boolean;
}

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

export interface TraceResult {
  readonly verdict: Verdict;
  readonly statements: readonly TracedStatement[];
  readonly findings: readonly Finding[];
  /** With `keep`: the database left on the server, holding the traced migrations. */
  readonly keptDatabase?: string;
}

/**
 * `lockstep trace`: replays the migrations before the traced ones on a throwaway database, then
 * runs each traced statement as its runner would (in the migration's transaction, or alone) and
 * records the locks it took, the tables it rewrote and its duration. Everything happens on a
 * throwaway database, dropped at the end: nothing is kept.
 */
export async function trace(request: TraceRequest): Promise<TraceResult> {
  await initParser();
  const cwd = request.cwd ?? process.cwd();
  const { before, traced } = split(request, cwd);
  if (request.keep && !request.devUrl)
    throw new InputError("--keep needs --dev-url: the embedded engine's database lives in memory only");
  const engine = openEngine({ devUrl: request.devUrl, cacheDir: request.cacheDir, keep: request.keep });
  try {
    const db = await engine.fresh();
    if (request.schema) {
      const source = resolveSource(request.schema, cwd);
      if (!source.units)
        throw new InputError("trace needs a schema it can build (a .sql file or migrations folder)", request.schema);
      await executeUnits(db, source.units);
    }
    await executeUnits(db, before.map(unitOf));
    const existing = new Set((await storageFiles(db)).keys());
    const statements: TracedStatement[] = [];
    for (const section of traced) statements.push(...(await traceSection(db, section)));
    const findings = explain(
      statements,
      existing,
      lintSections(traced, { rules: RULES, postgresVersion: request.postgresVersion }),
    );
    const keptDatabase = request.keep && engine instanceof PostgresEngine ? engine.databases[0] : undefined;
    return { verdict: verdictOf(findings), statements, findings, ...(keptDatabase ? { keptDatabase } : {}) };
  } finally {
    await engine.close();
  }
}

/** The sections to replay first, and those to trace. */
function split(request: TraceRequest, cwd: string): { before: SqlSection[]; traced: SqlSection[] } {
  const sections = sectionsOf(request.path, cwd);
  if (sections.length <= 1) return { before: [], traced: sections };
  const n = request.last === "all" ? sections.length : Math.min(request.last ?? 1, sections.length);
  return { before: sections.slice(0, sections.length - n), traced: sections.slice(sections.length - n) };
}

async function traceSection(db: Database, section: SqlSection): Promise<TracedStatement[]> {
  let stmts: SqlStatement[];
  try {
    stmts = statementsOf({
      text: section.text,
      origin: { file: section.file, startLine: section.startLine },
      mode: "autocommit",
    });
  } catch (err) {
    if (err instanceof SqlSyntaxError) throw new InputError(err.reason, err.file, err.line, err.column);
    throw err;
  }
  const out: TracedStatement[] = [];
  const inTransaction = section.transactional;
  if (inTransaction) await db.exec("BEGIN");
  try {
    for (const stmt of stmts) {
      // A statement that runs alone gets a transaction of its own for the trace, when it allows one,
      // so its locks can be read before they are released.
      const own = !inTransaction && !outsideTransactionOnly(stmt.ast) && stmt.kind !== "TransactionStmt";
      if (own) await db.exec("BEGIN");
      const files = await storageFiles(db);
      const locksBefore = inTransaction ? await heldLocks(db) : [];
      const timeout = await lockTimeout(db);
      const started = performance.now();
      try {
        await db.exec(stmt.sql);
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
        throw new InputError(err.message, section.file, stmt.line, stmt.column);
      }
      const ms = performance.now() - started;
      const locksAfter = inTransaction || own ? await heldLocks(db) : [];
      const filesAfter = await storageFiles(db);
      if (own) await db.exec("COMMIT");
      const fresh = locksAfter.filter((l) => !locksBefore.some((b) => b.relation === l.relation && b.mode === l.mode));
      const rewrites = [...files].filter(([t, f]) => filesAfter.has(t) && filesAfter.get(t) !== f).map(([t]) => t);
      out.push({
        file: section.file,
        line: stmt.line,
        sql: stmt.sql,
        locks: fresh,
        rewrites,
        ms: Math.round(ms * 100) / 100,
        lockTimeout: timeout,
      });
    }
    // Committed, so the next traced migration finds it; the throwaway database is dropped after the trace.
    if (inTransaction) await db.exec("COMMIT");
  } catch (err) {
    if (inTransaction) await db.exec("ROLLBACK").catch(() => {});
    throw err;
  }
  return out;
}

const REWRITE_RULES = [
  "type-change-rewrite",
  "narrowing-type-change",
  "volatile-default-rewrite",
  "add-stored-generated-column",
  "add-serial-column",
  "table-rewrite-maintenance",
];

/**
 * Findings from what was observed: blocking locks on tables that existed before, taken with no
 * lock_timeout, and rewrites of such tables. Each names the lint rule that explains it where one
 * fired on the same statement.
 */
function explain(
  statements: readonly TracedStatement[],
  existing: ReadonlySet<string>,
  lint: readonly Finding[],
): Finding[] {
  const findings: Finding[] = [];
  for (const s of statements) {
    const here = lint.filter((f) => f.file === s.file && f.line === s.line).map((f) => f.rule);
    const see = (rules: string[]) => (rules.length ? ` (lint: ${rules.join(", ")})` : "");
    const blocking = s.locks.filter((l) => BLOCKING_MODES.has(l.mode) && existing.has(l.relation));
    if (blocking.length && s.lockTimeout === "0")
      findings.push({
        rule: "require-lock-timeout",
        severity: "warning",
        message: `held ${blocking.map((l) => `${l.mode.replace(/Lock$/, "")} on ${l.relation}`).join(", ")} with no lock_timeout: it queues behind running queries and blocks every query behind it${see(here.filter((r) => r !== "require-lock-timeout"))}`,
        fix: "SET lock_timeout = '2s'; -- before it, and retry on timeout",
        file: s.file,
        line: s.line,
        column: 1,
      });
    for (const t of s.rewrites.filter((r) => existing.has(r))) {
      const cause = here.find((r) => REWRITE_RULES.includes(r));
      findings.push({
        rule: cause ?? "table-rewrite",
        severity: "warning",
        message: `rewrote ${t}: every row is copied while the statement holds its lock`,
        file: s.file,
        line: s.line,
        column: 1,
      });
    }
  }
  return findings;
}

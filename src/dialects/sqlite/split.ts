import type { Database as SqlJsDatabase, Statement } from "sql.js";
import { type SqlOrigin, type SqlStatement, SqlSyntaxError } from "../../schema/statement.js";
import { type ChangeScope, type SchemaEffect, SchemaTracker } from "./effects.js";
import { StandIns } from "./stubs.js";
import { sqlJs } from "./sqljs.js";
import { locator, skipTrivia } from "./text.js";
import { type SqliteStatementInfo, statementKind, verbOf } from "./statement-kind.js";

/**
 * Splitting SQLite with SQLite itself. sql.js's `iterateStatements` prepares one statement at a
 * time on a scratch in-memory database and hands back each one's text: where a statement ends,
 * whether it is well formed, is SQLite's tokenizer and parser's answer, never a splitter of ours.
 *
 * SQLite resolves names while preparing, so each statement that changes the schema is also run on
 * the scratch database (the next one sees its table), and names the file takes from elsewhere get
 * stand-ins (stubs.ts). Running it is also how a statement is described (effects.ts): the kind and
 * details in `ast` are what the catalog says changed. Only schema statements and PRAGMAs run:
 * data statements and transaction control are prepared, not executed.
 *
 * A statement SQLite refuses for another reason than syntax (`cannot drop UNIQUE column`) is kept
 * with the engine's message in `ast.error`: refusing it is the engine's job, later, with rows.
 */

/** Messages of SQLite's tokenizer and parser: the SQL is not well formed. */
const SYNTAX = /syntax error|^incomplete input$|^unrecognized token/;
/** Stand-ins a statement may ask for before the split gives up on preparing it. */
const MAX_STAND_INS = 24;
/** Whether SQLite prepares a text, and its message when it does not. */
type Prepared = { ok: true } | { ok: false; message: string };

export function splitSqlite(text: string, origin: SqlOrigin = {}): SqlStatement[] {
  const SQL = sqlJs();
  const scratch = new SQL.Database();
  try {
    return new Splitter(scratch, text, origin).run();
  } finally {
    scratch.close();
  }
}

class Splitter {
  private readonly locate: ReturnType<typeof locator>;
  private readonly standIns: StandIns;
  private readonly tracker: SchemaTracker;
  private readonly out: SqlStatement[] = [];

  constructor(
    private readonly db: SqlJsDatabase,
    private readonly text: string,
    private readonly origin: SqlOrigin,
    /** Describing one refused statement on its own: no further level of that. */
    private readonly nested = false,
  ) {
    this.locate = locator(text, origin.startLine ?? 1);
    this.standIns = new StandIns(db);
    this.tracker = new SchemaTracker(db);
  }

  run(): SqlStatement[] {
    // SQLite reads C strings: a NUL would end the text there, and what follows would vanish unread.
    const nul = this.text.indexOf("\0");
    if (nul >= 0) {
      const at = this.locate(nul);
      throw new SqlSyntaxError("a NUL character in SQL text (a binary file?)", this.origin.file, at.line, at.column);
    }
    let pos = 0;
    let tries = 0;
    while (skipTrivia(this.text, pos) < this.text.length) {
      // One iterator from `pos` on, until SQLite refuses a statement (the iterator then ends).
      const it = this.db.iterateStatements(this.text.slice(pos));
      try {
        for (let r = it.next(); !r.done; r = it.next()) {
          const stmt = r.value;
          const raw = stmt.getSQL();
          this.add(pos, pos + raw.length, this.describe(stmt));
          pos += raw.length;
          tries = 0;
          this.standIns.nextStatement();
        }
        return this.out;
      } catch (err) {
        const message = (err as Error).message;
        const start = skipTrivia(this.text, pos);
        if (SYNTAX.test(message)) throw this.syntaxError(start, message);
        if (tries < MAX_STAND_INS && this.standIns.supply(message)) {
          tries++;
          this.tracker.observe();
          continue;
        }
        const end = this.statementEnd(start);
        this.add(pos, end, { ...this.alone(start, end), error: message });
        pos = end;
        tries = 0;
        this.standIns.nextStatement();
      }
    }
    return this.out;
  }

  private add(from: number, to: number, info: SqliteStatementInfo): void {
    const start = skipTrivia(this.text, from);
    const sql = this.text.slice(start, to).replace(/[\s;]+$/, "");
    if (!sql) return;
    const at = this.locate(start);
    this.out.push({ sql, ast: info as unknown as Record<string, unknown>, kind: statementKind(info), ...at });
  }

  /** The statement's verb from SQLite's normalized text, and what running it changed. */
  private describe(stmt: Statement): SqliteStatementInfo {
    const normalized = stmt.getNormalizedSQL().replace(/^;+/, "");
    const verb = verbOf(normalized);
    const info: SqliteStatementInfo =
      verb === "WITH" ? { verb, normalized, returnsRows: stmt.getColumnNames().length > 0 } : { verb, normalized };
    if (!RUNS.has(verb.split(" ")[0]!)) return info;
    let effect: SchemaEffect | undefined;
    try {
      this.step(stmt);
      effect = this.tracker.observe(SCOPES[verb.split(" ")[0]!] ?? "any");
    } catch (err) {
      this.tracker.observe();
      return { ...info, error: (err as Error).message };
    }
    const withEffect = effect ? { ...info, effect } : info;
    return verb === "PRAGMA" ? { ...withEffect, pragma: this.pragma(normalized) } : withEffect;
  }

  /**
   * Runs a statement to its end (a PRAGMA may answer with rows: read past them). ALTER TABLE checks
   * the schema after it ("error in table t after add column: no such column: c"): a name the file
   * takes from elsewhere gets its stand-in, and the statement runs again.
   */
  private step(stmt: Statement): void {
    for (let tries = 0; ; tries++) {
      try {
        while (stmt.step()) {
          // Rows of a PRAGMA.
        }
        return;
      } catch (err) {
        if (tries >= MAX_STAND_INS || !this.standIns.supply((err as Error).message)) throw err;
        stmt.reset();
        this.tracker.observe();
      }
    }
  }

  /** A PRAGMA's name, and its value read back after it ran (`foreign_keys` → 0). */
  private pragma(normalized: string): { name: string; value?: unknown } {
    const name = /^PRAGMA\s+(?:\w+\.)?(\w+)/.exec(normalized)?.[1] ?? "";
    try {
      const value = this.db.exec(`PRAGMA ${name}`)[0]?.values[0]?.[0];
      return value === undefined ? { name } : { name, value };
    } catch {
      return { name };
    }
  }

  /**
   * A statement refused where it stands (`cannot drop UNIQUE column` after the file made it
   * UNIQUE) is described on a scratch database of its own, where only stand-ins meet it.
   */
  private alone(start: number, end: number): SqliteStatementInfo {
    const unknown = { verb: "", normalized: "" };
    if (this.nested) return unknown;
    const db = new (sqlJs().Database)();
    try {
      const [only] = new Splitter(db, this.text.slice(start, end), {}, true).run();
      const info = only?.ast as SqliteStatementInfo | undefined;
      return info && !info.error ? info : unknown;
    } catch {
      return unknown;
    } finally {
      db.close();
    }
  }

  /**
   * Where a statement SQLite would not prepare ends, asked of SQLite: the first `;` after which the
   * text up to it is complete (not "incomplete input", not an unterminated token), and is the same
   * statement whatever follows it — a `;` inside a comment is not, as text appended after it then
   * changes the answer.
   */
  private statementEnd(start: number): number {
    for (let semi = this.text.indexOf(";", start); semi >= 0; semi = this.text.indexOf(";", semi + 1)) {
      const head = this.text.slice(start, semi + 1);
      const alone = this.prepare(head);
      if (!alone.ok && /^incomplete input$|^unrecognized token/.test(alone.message)) continue;
      const followed = this.prepare(`${head}\n*/ SELECT`);
      if (alone.ok === followed.ok && (alone.ok || alone.message === (followed as { message: string }).message)) {
        return semi + 1;
      }
    }
    return this.text.length;
  }

  private prepare(sql: string): Prepared {
    try {
      this.db.prepare(sql).free();
      return { ok: true };
    } catch (err) {
      return { ok: false, message: (err as Error).message };
    }
  }

  /**
   * Locates a syntax error within its statement: SQLite names the token (`near "TYPE"`), and the
   * first place that token stands where the text up to it draws the same message is where it
   * failed. "incomplete input" is at the end of the text.
   */
  private syntaxError(start: number, message: string): SqlSyntaxError {
    const near = /^near "(.*)": syntax error$/.exec(message)?.[1] ?? /^unrecognized token: "(.*)"$/.exec(message)?.[1];
    let at = start;
    if (message === "incomplete input") at = this.text.replace(/\s+$/, "").length - 1;
    else if (near) {
      const token = near.replace(/""/g, '"');
      for (let i = this.text.indexOf(token, start); i >= 0; i = this.text.indexOf(token, i + 1)) {
        const head = this.prepare(this.text.slice(start, i + token.length));
        if (!head.ok && head.message === message) {
          at = i;
          break;
        }
      }
    }
    const { line, column } = this.locate(Math.max(at, start));
    return new SqlSyntaxError(message, this.origin.file, line, column);
  }
}

/** Statement verbs run on the scratch database: they change the schema or a setting. */
const RUNS = new Set(["CREATE", "DROP", "ALTER", "PRAGMA"]);
/** Where their changes can be (effects.ts). */
const SCOPES: Readonly<Record<string, ChangeScope>> = { CREATE: "adds", DROP: "removes" };

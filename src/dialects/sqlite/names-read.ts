import type { Index } from "../../schema/model.js";
import type { Database as SqlJsDatabase } from "sql.js";
import { ident } from "./render.js";
import { sqlJs } from "./sqljs.js";

/**
 * Which columns an expression or an index reads, answered by SQLite: the text is prepared on a
 * scratch database whose table starts with no real column, and each column SQLite asks for
 * ("no such column: c") is added, until it prepares. The names asked for are the answer.
 */
const TABLE = "lockstep scratch";
const NO_COLUMN = /^no such column: (?:[^.]+\.)?(.+)$/;
const NO_TABLE = /^no such table: (?:main\.)?(.+)$/;
const NO_FUNCTION = /^no such function: (.+)$/;
const MAX_TRIES = 200;

/** The column names an expression reads (a CHECK's, an index key's or predicate). */
export function columnRefs(expression: string): string[] {
  return namesAsked(TABLE, `SELECT ${expression} FROM ${ident(TABLE)}`);
}

/** The columns an index reads: its keys' and its predicate's, from its CREATE INDEX text. */
export function indexColumns(index: Index): string[] {
  return namesAsked(undefined, index.definition);
}

/** `table` is made first; without it, the one table SQLite asks for ("no such table: t") is. */
function namesAsked(first: string | undefined, sql: string): string[] {
  const db = new (sqlJs().Database)();
  const names: string[] = [];
  let table = first;
  const create = (name: string) => db.exec(`CREATE TABLE ${ident(name)} (${ident("lockstep stand-in")})`);
  try {
    if (table !== undefined) create(table);
    for (let i = 0; i < MAX_TRIES; i++) {
      try {
        db.prepare(sql).free();
        if (table !== undefined) names.push(...quotedColumns(db, table, sql, names));
        return names;
      } catch (err) {
        const message = (err as Error).message;
        const column = NO_COLUMN.exec(message)?.[1];
        const fn = NO_FUNCTION.exec(message)?.[1];
        const missing = NO_TABLE.exec(message)?.[1];
        if (missing !== undefined && table === undefined) {
          table = missing;
          create(table);
        } else if (table !== undefined && column !== undefined && !names.includes(column)) {
          names.push(column);
          db.exec(`ALTER TABLE ${ident(table)} ADD COLUMN ${ident(column)}`);
        } else if (fn !== undefined) {
          for (const f of ARITIES) db.create_function(fn, f);
        } else return names;
      }
    }
    return names;
  } finally {
    db.close();
  }
}

/**
 * SQLite takes a double-quoted name no table has for a string (its "double-quoted string literal"
 * leniency), so it never asks for it. Each double-quoted stretch is tried as a column: where adding
 * it changes the statement's normalized text (a literal `?` becomes the name), SQLite reads it as one.
 */
function quotedColumns(db: SqlJsDatabase, table: string, sql: string, known: readonly string[]): string[] {
  const found: string[] = [];
  const normalized = () => {
    const stmt = db.prepare(sql);
    try {
      return stmt.getNormalizedSQL();
    } finally {
      stmt.free();
    }
  };
  for (const m of sql.matchAll(/"((?:[^"]|"")*)"/g)) {
    const name = m[1]!.replace(/""/g, '"');
    if (known.includes(name) || found.includes(name) || name === table) continue;
    const before = normalized();
    try {
      db.exec(`ALTER TABLE ${ident(table)} ADD COLUMN ${ident(name)}`);
    } catch {
      continue;
    }
    if (normalized() !== before) found.push(name);
  }
  return found;
}

const ARITIES = [
  () => null,
  (_a: unknown) => null,
  (_a: unknown, _b: unknown) => null,
  (_a: unknown, _b: unknown, _c: unknown) => null,
];

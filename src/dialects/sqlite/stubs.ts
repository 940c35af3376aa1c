import type { Database as SqlJsDatabase } from "sql.js";
import { ident } from "./render.js";

/**
 * SQLite resolves names when it prepares a statement, so a migration file read on its own (its
 * tables were made by earlier files) fails with "no such table". To split and describe such a
 * file, the scratch database it is prepared on is given what SQLite asks for: an empty table, a
 * column, an index, a view, a trigger, a function — stand-ins with the names from its message,
 * then the statement is prepared again. Only names are supplied, never a statement's meaning.
 */

/** A table holding stand-in indexes and triggers; no statement can name it. */
const HOST = "lockstep stand-in host";
/** The one column of a stand-in table. */
const STUB_COLUMN = "lockstep stand-in";

const NO_SUCH = /^no such (table|column|index|view|trigger|function): (.+)$/;
const NO_COLUMN_NAMED = /^table (.+) has no column named (.+)$/;
const ALREADY =
  /^(?:(table|index|view|trigger) (.+) already exists|there is already another table or index with this name: (.+))$/;

export class StandIns {
  private readonly tables: string[] = [];
  private columnTries = new Map<string, number>();

  constructor(private readonly db: SqlJsDatabase) {}

  /** Forgets per-statement progress (which tables were given a missing column so far). */
  nextStatement(): void {
    this.columnTries = new Map();
  }

  /** Supplies what `message` says is missing (or removes what is in the way); false when it cannot. */
  supply(message: string): boolean {
    try {
      return this.answer(message);
    } catch {
      return false;
    }
  }

  private answer(message: string): boolean {
    // ALTER TABLE re-reads the schema after it: "error in table t after add column: no such column: c".
    const after = /^error in \w+ .+ after add column: (.+)$/.exec(message);
    if (after) return this.answer(after[1]!);
    const missing = NO_SUCH.exec(message);
    if (missing) {
      const [, what, raw] = missing as unknown as [string, string, string];
      const name = unquote(raw.replace(/^main\./, ""));
      switch (what) {
        case "table":
          this.db.exec(`CREATE TABLE ${ident(name)} (${ident(STUB_COLUMN)})`);
          this.tables.push(name);
          return true;
        case "column":
          return this.addColumn(unquote(raw));
        case "index":
          this.host();
          this.db.exec(`CREATE INDEX ${ident(name)} ON ${ident(HOST)} (${ident(STUB_COLUMN)})`);
          return true;
        case "view":
          this.db.exec(`CREATE VIEW ${ident(name)} AS SELECT NULL AS ${ident(STUB_COLUMN)}`);
          return true;
        case "trigger":
          this.host();
          this.db.exec(`CREATE TRIGGER ${ident(name)} AFTER INSERT ON ${ident(HOST)} BEGIN SELECT 1; END`);
          return true;
        case "function":
          // sql.js registers a function for the arity of the JavaScript function given: a few arities.
          for (const fn of ARITIES) this.db.create_function(name, fn);
          return true;
      }
    }
    const noColumn = NO_COLUMN_NAMED.exec(message);
    if (noColumn) return this.addColumn(`${unquote(noColumn[1]!)}.${unquote(noColumn[2]!)}`);
    const exists = ALREADY.exec(message);
    if (exists) {
      const name = unquote(exists[2] ?? exists[3] ?? "");
      const row = this.db.exec("SELECT type FROM sqlite_schema WHERE name = ? COLLATE NOCASE", [name])[0];
      const type = row?.values[0]?.[0];
      if (typeof type !== "string") return false;
      this.db.exec(`DROP ${type.toUpperCase()} ${ident(name)}`);
      return true;
    }
    return false;
  }

  /**
   * "no such column: c" (or `t.c`) does not say which table lacks it: the named one, else each
   * table in turn (stand-ins first, newest first) until SQLite stops asking.
   */
  private addColumn(raw: string): boolean {
    const dot = raw.lastIndexOf(".");
    const column = dot < 0 ? raw : raw.slice(dot + 1);
    const qualifier = dot < 0 ? undefined : raw.slice(0, dot);
    const all =
      this.db
        .exec("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")[0]
        ?.values.map((r) => String(r[0])) ?? [];
    const order = [...this.tables].reverse().concat(all.filter((t) => !this.tables.includes(t)));
    const candidates = qualifier
      ? order.filter((t) => t.toLowerCase() === qualifier.toLowerCase()).concat(order)
      : order;
    const tried = this.columnTries.get(column) ?? 0;
    for (let i = tried; i < candidates.length; i++) {
      const table = candidates[i]!;
      this.columnTries.set(column, i + 1);
      try {
        this.db.exec(`ALTER TABLE ${ident(table)} ADD COLUMN ${ident(column)}`);
        return true;
      } catch {
        // The table has that column already, or is a view: the next one.
      }
    }
    return false;
  }

  private host(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${ident(HOST)} (${ident(STUB_COLUMN)})`);
  }
}

function unquote(name: string): string {
  const m = /^"(.*)"$/.exec(name);
  return m ? m[1]!.replace(/""/g, '"') : name;
}

const ARITIES = [
  () => null,
  (_a: unknown) => null,
  (_a: unknown, _b: unknown) => null,
  (_a: unknown, _b: unknown, _c: unknown) => null,
  (_a: unknown, _b: unknown, _c: unknown, _d: unknown) => null,
];

import type { Database as SqlJsDatabase } from "sql.js";
import { ident } from "./render.js";
import { sqlJs } from "./sqljs.js";

/**
 * Questions about SQL text that SQLite answers on a scratch database, so that introspection never
 * reads SQL itself: how a default must be written back, whether ADD COLUMN accepts it on a table
 * with rows, what a generated column's definition is, where a partial index's WHERE begins.
 */
export class Probes {
  private readonly db: SqlJsDatabase;
  private readonly cache = new Map<string, unknown>();

  constructor() {
    this.db = new (sqlJs().Database)();
  }

  close(): void {
    this.db.close();
  }

  private ok(sql: string): boolean {
    try {
      this.db.exec(`SAVEPOINT probe; ${sql}`);
      return true;
    } catch {
      return false;
    } finally {
      try {
        this.db.exec("ROLLBACK TO probe; RELEASE probe");
      } catch {
        // No savepoint was opened.
      }
    }
  }

  private memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  /**
   * A default as `DEFAULT …` takes it back. `pragma_table_xinfo` drops the parentheses of an
   * expression (`DEFAULT (1+1)` reads `1+1`), which `DEFAULT 1+1` would not parse.
   */
  defaultText(dflt: string): string {
    return this.memo(`default ${dflt}`, () =>
      this.ok(`CREATE TABLE "lockstep probe" (a DEFAULT ${dflt})`) ? dflt : `(${dflt})`,
    );
  }

  /** ADD COLUMN refuses this default on a table with rows ("Cannot add a column with non-constant default"). */
  nonConstantDefault(dflt: string): boolean {
    return this.memo(`volatile ${dflt}`, () => {
      const text = this.defaultText(dflt);
      return !this.ok(
        `CREATE TABLE "lockstep probe" (a); INSERT INTO "lockstep probe" VALUES (1); ` +
          `ALTER TABLE "lockstep probe" ADD COLUMN b DEFAULT ${text}`,
      );
    });
  }

  /**
   * A column's definition as written in its CREATE TABLE (`total AS (price * qty) STORED`): the
   * text DROP COLUMN takes out of the stored SQL, on a copy of the table alone. Undefined where
   * SQLite will not drop it there (a CHECK or another generated column names it).
   */
  columnDefinition(createSql: string, table: string, column: string): string | undefined {
    return this.memo(`column ${createSql} ${column}`, () => {
      let after: string | undefined;
      try {
        this.db.exec(`SAVEPOINT probe; ${createSql}; ALTER TABLE ${ident(table)} DROP COLUMN ${ident(column)}`);
        after = this.db.exec("SELECT sql FROM sqlite_schema WHERE type = 'table'")[0]?.values[0]?.[0] as string;
      } catch {
        after = undefined;
      } finally {
        this.db.exec("ROLLBACK TO probe; RELEASE probe");
      }
      if (after === undefined) return undefined;
      return removedDefinition(createSql, after, column);
    });
  }

  /**
   * The table's named CHECK constraints (`CONSTRAINT n CHECK (…)`), each as written: the text
   * `ALTER TABLE … DROP CONSTRAINT n` takes out of the stored SQL on a copy of the table alone.
   * Only names SQLite drops count; unnamed checks have no name to drop by and are not read (yet).
   */
  checks(createSql: string, table: string): { name: string; definition: string }[] {
    return this.memo(`checks ${createSql}`, () => {
      const out: { name: string; definition: string }[] = [];
      for (const m of createSql.matchAll(/\bCONSTRAINT\s+("(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|[\w$]+)/gi)) {
        const raw = m[1]!;
        const name = /^["`[]/.test(raw) ? raw.slice(1, -1).replace(/""/g, '"') : raw;
        let after: string | undefined;
        try {
          this.db.exec(`SAVEPOINT probe; ${createSql}; ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(name)}`);
          after = this.db.exec("SELECT sql FROM sqlite_schema WHERE type = 'table'")[0]?.values[0]?.[0] as string;
        } catch {
          after = undefined;
        } finally {
          this.db.exec("ROLLBACK TO probe; RELEASE probe");
        }
        const definition = after === undefined ? undefined : removedText(createSql, after);
        if (definition && /^CONSTRAINT\s/i.test(definition) && /\bCHECK\s*\(/i.test(definition.slice(m[0].length)))
          out.push({ name, definition });
      }
      return out;
    });
  }

  /**
   * A partial index's WHERE clause: the text after the last `WHERE` before which the stored SQL is a
   * complete CREATE INDEX that SQLite accepts on the table, and builds as a full index.
   */
  indexPredicate(tableSql: string, indexSql: string): string | undefined {
    return this.memo(`predicate ${indexSql}`, () => {
      const upper = indexSql.toUpperCase();
      for (let i = upper.lastIndexOf("WHERE"); i > 0; i = upper.lastIndexOf("WHERE", i - 1)) {
        if (this.ok(`${tableSql}; ${indexSql.slice(0, i)}`)) return indexSql.slice(i + "WHERE".length).trim();
      }
      return undefined;
    });
  }
}

/**
 * The text DROP COLUMN took out of `before`, leaving `after`, that starts with the column's name.
 * Where the cut could stand is ambiguous when the text beside it repeats (`…, total …, title`):
 * every place is tried from the longest common prefix back.
 */
function removedDefinition(before: string, after: string, column: string): string | undefined {
  const removed = before.length - after.length;
  if (removed <= 0) return undefined;
  let head = 0;
  while (head < after.length && before[head] === after[head]) head++;
  const names = [column, `"${column.replace(/"/g, '""')}"`, `\`${column}\``, `[${column}]`].map((n) => n.toLowerCase());
  for (let h = head; h >= 0 && h >= head - removed; h--) {
    if (before.slice(0, h) + before.slice(h + removed) !== after) continue;
    const text = before
      .slice(h, h + removed)
      .replace(/^[\s,]+|[\s,]+$/g, "")
      .trim();
    const lower = text.toLowerCase();
    if (names.some((n) => lower.startsWith(n) && !/[\w$]/.test(lower.charAt(n.length)))) return text;
  }
  return undefined;
}

/** The one stretch of `before` that, cut out, leaves `after`, trimmed of the commas around it. */
function removedText(before: string, after: string): string | undefined {
  const removed = before.length - after.length;
  if (removed <= 0) return undefined;
  let head = 0;
  while (head < after.length && before[head] === after[head]) head++;
  for (let h = head; h >= 0 && h >= head - removed; h--) {
    if (before.slice(0, h) + before.slice(h + removed) !== after) continue;
    const text = before
      .slice(h, h + removed)
      .replace(/^[\s,]+|[\s,]+$/g, "")
      .trim();
    if (/^CONSTRAINT\s/i.test(text)) return text;
  }
  return undefined;
}

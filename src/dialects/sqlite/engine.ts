import { readFileSync } from "node:fs";
import type { BindParams, Database as SqlJsDatabase, SqlValue } from "sql.js";
import { type Database, type Engine, EngineError } from "../../engines/engine.js";
import { loadSqlJs, versionNumber } from "./sqljs.js";

/**
 * SQLite in memory through sql.js. Each database is an in-memory SQLite of its own, with
 * `PRAGMA foreign_keys=ON` as applications run it. With `sqlite:PATH` the file's bytes are read once
 * and every database starts as a copy of them: the file itself is never opened for writing.
 */
export class SqliteEngine implements Engine {
  readonly kind = "sqlite" as const;
  private readonly open = new Set<SqliteDatabase>();

  /** `image`: a database file's bytes every fresh database starts from (absent: empty). */
  constructor(private readonly image?: Uint8Array) {}

  async fresh(): Promise<Database> {
    const SQL = await loadSqlJs();
    const db = new SqliteDatabase(
      () => openInMemory(SQL, this.image),
      (d) => this.open.delete(d),
    );
    this.open.add(db);
    return db;
  }

  async close(): Promise<void> {
    for (const db of [...this.open]) await db.close();
  }
}

type Opener = () => SqlJsDatabase;

function openInMemory(SQL: Awaited<ReturnType<typeof loadSqlJs>>, image?: Uint8Array): SqlJsDatabase {
  // sql.js's in-memory file system keeps the array it is given and writes into it: each database
  // gets its own copy, so the image stays the file's bytes for the next one.
  const db = new SQL.Database(image ? new Uint8Array(image) : undefined);
  db.exec("PRAGMA foreign_keys=ON");
  return db;
}

export class SqliteDatabase implements Database {
  private db: SqlJsDatabase;
  readonly serverVersion: number;

  constructor(
    private readonly opener: Opener,
    private readonly onClose: (db: SqliteDatabase) => void = () => {},
  ) {
    this.db = opener();
    const version = this.db.exec("SELECT sqlite_version()")[0]?.values[0]?.[0];
    this.serverVersion = versionNumber(String(version));
  }

  /** The sql.js handle, for this dialect's own code (split, introspection) that reads it directly. */
  get handle(): SqlJsDatabase {
    return this.db;
  }

  async exec(sql: string): Promise<void> {
    try {
      this.db.exec(sql);
    } catch (err) {
      throw engineError(err);
    }
  }

  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    let stmt;
    try {
      stmt = this.db.prepare(sql);
      if (params?.length) stmt.bind(params.map(toSqlValue) as BindParams);
      const rows: T[] = [];
      while (stmt.step()) rows.push(stmt.getAsObject() as T);
      return rows;
    } catch (err) {
      throw engineError(err);
    } finally {
      stmt?.free();
    }
  }

  /** As new: a fresh in-memory database (for `sqlite:PATH`, a fresh copy of the file's). */
  async reset(): Promise<void> {
    this.db.close();
    this.db = this.opener();
  }

  async close(): Promise<void> {
    this.db.close();
    this.onClose(this);
  }
}

/** Reads a `--dev-url sqlite:PATH` (also `sqlite://PATH` and `file:PATH`); undefined for other URLs. */
export function sqlitePath(url: string): string | undefined {
  const m = /^(?:sqlite3?|file):(?:\/\/)?(.+)$/.exec(url);
  return m?.[1];
}

/** The embedded engine, or one whose databases start as copies of the file named by `devUrl`. */
export function openSqliteEngine(devUrl?: string): SqliteEngine {
  if (!devUrl) return new SqliteEngine();
  const path = sqlitePath(devUrl);
  if (!path) throw new EngineError(`not a SQLite URL: ${devUrl} (expected sqlite:PATH)`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new EngineError(`cannot read the SQLite database ${path}: ${(err as Error).message}`);
  }
  return new SqliteEngine(bytes);
}

function toSqlValue(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number" || typeof value === "string" || value instanceof Uint8Array) return value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** sql.js throws an Error whose `code` is SQLite's (`SQLITE_CONSTRAINT_FOREIGNKEY`…). */
export function engineError(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  const e = err as { message?: string; code?: string };
  return new EngineError(e.message ?? String(err), e.code);
}

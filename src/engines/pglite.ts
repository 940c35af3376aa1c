import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type Database, type Engine, RESET_SQL, toEngineError } from "./engine.js";

/**
 * Embedded PostgreSQL (PGlite). Starting it runs initdb, which costs seconds; so the first start
 * saves the fresh data directory as a template in the cache folder and later processes load it.
 * One instance serves the whole process: a "fresh" database is the same one, emptied.
 */
export interface PgliteOptions {
  /** Folder for the data-directory template; none means no template is kept. */
  cacheDir?: string;
}

const TEMPLATE = "pglite-template-v1.tar";

let shared: Promise<PGlite> | undefined;

async function start(cacheDir: string | undefined): Promise<PGlite> {
  const path = cacheDir ? join(cacheDir, TEMPLATE) : undefined;
  if (path) {
    try {
      const tar = readFileSync(path);
      return await PGlite.create({ loadDataDir: new Blob([tar]) });
    } catch {
      // No template yet (or an unreadable one): initdb below, then save a new one.
    }
  }
  const db = await PGlite.create();
  if (path && cacheDir) {
    try {
      const blob = await db.dumpDataDir("none");
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
      renameSync(tmp, path);
    } catch {
      // A cache we cannot write only costs speed.
    }
  }
  return db;
}

class PgliteDatabase implements Database {
  constructor(
    private readonly db: PGlite,
    readonly serverVersion: number,
  ) {}

  async exec(sql: string): Promise<void> {
    try {
      await this.db.exec(sql);
    } catch (err) {
      throw toEngineError(err);
    }
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    try {
      const res = await this.db.query<T>(sql, params as unknown[]);
      return res.rows;
    } catch (err) {
      throw toEngineError(err);
    }
  }

  async reset(): Promise<void> {
    // A statement that failed inside a transaction leaves it aborted; end it before emptying.
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    await this.exec(RESET_SQL);
  }

  async close(): Promise<void> {
    // The instance is shared by the process; closing a handle only empties it.
    await this.reset();
  }
}

export class PgliteEngine implements Engine {
  readonly kind = "pglite" as const;
  constructor(private readonly options: PgliteOptions = {}) {}

  async fresh(): Promise<Database> {
    shared ??= start(this.options.cacheDir);
    const db = await shared;
    const [row] = (await db.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows;
    const handle = new PgliteDatabase(db, Number(row?.v));
    await handle.reset();
    return handle;
  }

  async close(): Promise<void> {
    // Kept for the life of the process: starting PGlite again would cost seconds.
  }
}

/** Closes the process-wide PGlite instance (tests and the CLI call this before exit). */
export async function shutdownPglite(): Promise<void> {
  const db = shared;
  shared = undefined;
  if (db) await (await db).close();
}

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { type Database, type Engine, onShutdown, toEngineError } from "../../../engines/engine.js";
import { dropTablesInBatches, RESET_SQL } from "./reset.js";
import { isBundledExtension, loadExtensions } from "./pglite-extensions.js";

/**
 * Embedded PostgreSQL (PGlite). Starting it runs initdb, which costs seconds; so the first start
 * saves the fresh data directory as a template in the cache folder and later processes load it.
 * One instance serves the whole process: a "fresh" database is the same one, emptied.
 */
export interface PgliteOptions {
  /** Folder for the data-directory template; none means no template is kept. */
  cacheDir?: string;
  /** Extensions the SQL will create (`CREATE EXTENSION`): their bundles are loaded at start. */
  extensions?: readonly string[];
}

const TEMPLATE = "pglite-template-v1.tar";

let shared: Promise<PGlite> | undefined;
/** Extension bundles the running instance was started with. */
let loaded = new Set<string>();

async function start(cacheDir: string | undefined, extensionNames: ReadonlySet<string>): Promise<PGlite> {
  const extensions = await loadExtensions(extensionNames);
  loaded = new Set(extensionNames);
  const path = cacheDir ? join(cacheDir, TEMPLATE) : undefined;
  if (path) {
    try {
      const tar = readFileSync(path);
      return await PGlite.create({ loadDataDir: new Blob([tar]), extensions });
    } catch {
      // No template yet (or an unreadable one): initdb below, then save a new one.
    }
  }
  const db = await PGlite.create({ extensions });
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
    await dropTablesInBatches(this);
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
    const handle = await this.current();
    await handle.reset();
    return handle;
  }

  /** The process's instance, restarted when it lacks an extension bundle these options need. */
  private async instance(): Promise<PGlite> {
    const wanted = (this.options.extensions ?? []).filter(isBundledExtension);
    if (shared && wanted.some((e) => !loaded.has(e))) await shutdownPglite();
    shared ??= start(this.options.cacheDir, new Set([...loaded, ...wanted]));
    return shared;
  }

  private async current(): Promise<PgliteDatabase> {
    const db = await this.instance();
    const [row] = (await db.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows;
    return new PgliteDatabase(db, Number(row?.v));
  }

  /** The database as it is now, byte for byte (a data-directory archive), to restore later. */
  async saveState(file: string): Promise<void> {
    const db = await this.instance();
    // Commits are asynchronous here (synchronous_commit = off): flush them into the files first.
    await db.exec("CHECKPOINT");
    const blob = await db.dumpDataDir("none");
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file);
  }

  /** A database restored from `saveState`: the process's instance restarts from that archive. */
  async fromState(file: string): Promise<Database> {
    const tar = readFileSync(file);
    const names = new Set([...loaded, ...(this.options.extensions ?? []).filter(isBundledExtension)]);
    await shutdownPglite();
    shared = loadExtensions(names).then((extensions) => {
      loaded = names;
      return PGlite.create({ loadDataDir: new Blob([tar]), extensions });
    });
    const handle = await this.current();
    await handle.exec("SET search_path = public; SET synchronous_commit = off");
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

onShutdown(shutdownPglite);

import pg from "pg";
import {
  type Database,
  type Engine,
  redactUrl,
  toEngineError,
  UnreachableServerError,
} from "../../../engines/engine.js";
import { dropTablesInBatches, RESET_SQL } from "./reset.js";

/**
 * A PostgreSQL server given by `--dev-url`. Lockstep creates its own throwaway databases there
 * (named `lockstep_tmp_…`) and drops them when done; it never writes to a database it did not create.
 */
export class PostgresEngine implements Engine {
  readonly kind = "postgres" as const;
  private readonly created: ServerDatabase[] = [];

  constructor(
    private readonly url: string,
    /** Leave the databases in place on close (`trace --keep`), to look at them afterwards. */
    private readonly keep = false,
  ) {}

  /** Names of the databases this engine created. */
  get databases(): string[] {
    return this.created.map((d) => d.name);
  }

  private async admin(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
    } catch (err) {
      throw new UnreachableServerError(redactUrl(this.url), (err as Error).message);
    }
    return client;
  }

  async fresh(): Promise<Database> {
    const name = `lockstep_tmp_${process.pid}_${Date.now().toString(36)}_${this.created.length}`;
    const admin = await this.admin();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const target = new URL(this.url);
    target.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: target.toString() });
    await client.connect();
    client.on("error", () => {});
    const [row] = (await client.query("SELECT current_setting('server_version_num') AS v")).rows;
    const db = new ServerDatabase(name, client, Number(row.v), async () => {
      const a = await this.admin();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    });
    this.created.push(db);
    return db;
  }

  async close(): Promise<void> {
    for (const db of this.created.splice(0)) await db.close(this.keep);
  }
}

class ServerDatabase implements Database {
  private closed = false;
  constructor(
    readonly name: string,
    private readonly client: pg.Client,
    readonly serverVersion: number,
    private readonly drop: () => Promise<void>,
  ) {}

  async exec(sql: string): Promise<void> {
    try {
      await this.client.query(sql);
    } catch (err) {
      throw toEngineError(err);
    }
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    try {
      return (await this.client.query(sql, params as unknown[])).rows as T[];
    } catch (err) {
      throw toEngineError(err);
    }
  }

  async reset(): Promise<void> {
    await this.exec("ROLLBACK").catch(() => {});
    await dropTablesInBatches(this);
    await this.exec(RESET_SQL);
  }

  async close(keep = false): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.end().catch(() => {});
    if (!keep) await this.drop();
  }
}

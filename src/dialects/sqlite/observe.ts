import type { Database } from "../../engines/engine.js";
import type { Lock, Observation } from "../../trace/observe.js";
import { SqliteDatabase } from "./engine.js";

/**
 * What a trace observes on SQLite. SQLite has no table locks: a transaction that writes holds
 * the database's write lock (RESERVED, then EXCLUSIVE to commit) until it ends, and every other
 * writer waits for it (readers too, outside WAL mode). A statement is seen holding that lock when
 * it changed a row (`total_changes()`) or the schema (`PRAGMA schema_version`) since the last
 * observation: the writers of a transaction, of which the first takes the lock for the rest.
 *
 * A table's "storage" is its lineage: it changes when the table is rebuilt, i.e. when its name is
 * taken by another table's b-tree after the table was dropped or renamed away (the 12-step
 * rebuild: `CREATE TABLE t_new`, copy, `DROP TABLE t`, `ALTER TABLE t_new RENAME TO t`; or
 * `ALTER TABLE t RENAME TO t_old` then `CREATE TABLE t` and a copy). A table dropped and created
 * again empty is not a rebuild (verify reports its rows as lost). The name of a table while
 * absent keeps its last lineage, so the statement that puts a table back under it is the one
 * seen rewriting it.
 */

/** The lock a writing statement holds until its transaction ends. */
export const WRITE_LOCK: Lock = { relation: "database", mode: "write" };

interface Watch {
  changes: number;
  schemaVersion: number;
  /** Name (lower-cased) → the rootpage it had at the last observation. */
  roots: Map<string, number>;
  /** Name (lower-cased) → its lineage; kept for names now absent. */
  lineage: Map<string, string>;
  /** Names whose table was renamed away (not dropped) since it was last present. */
  movedAway: Set<string>;
  /** Name (lower-cased) → as last spelled in the schema. */
  displayed: Map<string, string>;
  next: number;
}

const watches = new WeakMap<object, Watch>();

export async function observe(db: Database, locks: boolean, tables?: readonly string[]): Promise<Observation> {
  const [counters] = await db.query<{ changes: number; version: number; timeout: number }>(
    "SELECT total_changes() AS changes, (SELECT schema_version FROM pragma_schema_version) AS version, (SELECT timeout FROM pragma_busy_timeout) AS timeout",
  );
  const now = await rootpages(db);
  const key = db instanceof SqliteDatabase ? db.handle : db;
  let watch = watches.get(key);
  const wrote =
    watch !== undefined &&
    (watch.changes !== Number(counters!.changes) || watch.schemaVersion !== Number(counters!.version));
  if (!watch) {
    watch = {
      changes: 0,
      schemaVersion: 0,
      roots: new Map(),
      lineage: new Map(),
      movedAway: new Set(),
      displayed: new Map(),
      next: 1,
    };
    watches.set(key, watch);
  }
  follow(watch, now);
  watch.changes = Number(counters!.changes);
  watch.schemaVersion = Number(counters!.version);
  const files = new Map<string, string>();
  const only = tables ? new Set(tables.map((t) => t.replace(/^(public|main)\./, "").toLowerCase())) : undefined;
  for (const [name, display] of now.names) if (!only || only.has(name)) files.set(display, watch.lineage.get(name)!);
  // Absent names keep their lineage under their last spelling, so a rebuild's rename is seen.
  for (const [name, lineage] of watch.lineage)
    if (!now.roots.has(name) && (!only || only.has(name))) files.set(watch.displayed.get(name) ?? name, lineage);
  return { locks: locks && wrote ? [WRITE_LOCK] : [], files, timeout: String(Number(counters!.timeout ?? 0)) };
}

interface Tables {
  /** Lower-cased name → rootpage. */
  readonly roots: Map<string, number>;
  /** Lower-cased name → the name as the schema spells it. */
  readonly names: Map<string, string>;
}

/** Ordinary tables and their b-tree's root page (virtual tables have none). */
async function rootpages(db: Database): Promise<Tables> {
  const rows = await db.query<{ name: string; rootpage: number }>(
    "SELECT name, rootpage FROM sqlite_schema WHERE type = 'table' AND rootpage > 0 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
  );
  const roots = new Map<string, number>();
  const names = new Map<string, string>();
  for (const r of rows) {
    roots.set(r.name.toLowerCase(), Number(r.rootpage));
    names.set(r.name.toLowerCase(), r.name);
  }
  return { roots, names };
}

/** Moves the watch on to the tables present now, giving each its lineage (see above). */
function follow(watch: Watch, now: Tables): void {
  const nameOfRoot = new Map([...watch.roots].map(([name, root]) => [root, name]));
  const presentRoots = new Set(now.roots.values());
  for (const [name, root] of watch.roots) {
    if (now.roots.has(name)) continue;
    if (presentRoots.has(root)) watch.movedAway.add(name);
    else watch.movedAway.delete(name);
  }
  const fresh = () => String(watch.next++);
  const lineage = new Map(watch.lineage);
  for (const [name, root] of now.roots) {
    if (watch.roots.get(name) === root) continue;
    const from = nameOfRoot.get(root);
    const held = watch.lineage.get(name);
    if (from !== undefined && from !== name) lineage.set(name, held !== undefined ? fresh() : watch.lineage.get(from)!);
    else if (watch.movedAway.has(name) || held === undefined) lineage.set(name, fresh());
    watch.movedAway.delete(name);
  }
  watch.lineage = lineage;
  watch.roots = now.roots;
  for (const [name, display] of now.names) watch.displayed.set(name, display);
}

/** The tables that exist now, named as `observe` names them. */
export async function existingTables(db: Database): Promise<ReadonlySet<string>> {
  return new Set((await rootpages(db)).names.values());
}

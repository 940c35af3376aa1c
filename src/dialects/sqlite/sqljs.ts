import type { SqlJsStatic } from "sql.js";

/**
 * sql.js: SQLite compiled to WebAssembly (DESIGN.md §7). Loaded once per process; after `loadSqlJs`
 * everything it offers is synchronous, which is what lets `split` stay synchronous. Its module is
 * imported on first use: a PostgreSQL run never pays for it.
 */
let loading: Promise<SqlJsStatic> | undefined;
let loaded: SqlJsStatic | undefined;

export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= import("sql.js").then(({ default: initSqlJs }) => initSqlJs()).then((SQL) => (loaded = SQL));
  return loading;
}

/** The loaded module; throws when `loadSqlJs` (the dialect's `ready`) was not awaited first. */
export function sqlJs(): SqlJsStatic {
  if (!loaded) throw new Error("SQLite (sql.js) is not loaded: await the dialect's ready() first");
  return loaded;
}

/** SQLite's version as one number, as PostgreSQL's server_version_num: 3.45.1 → 3045001. */
export function versionNumber(version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  return major * 1_000_000 + minor * 1_000 + patch;
}

/**
 * The dialect registry: one line a dialect. Commands pick the dialect here and hand it down; the
 * stages below receive it and never import a dialect themselves.
 */
import type { Dialect, DialectName } from "./dialect.js";
import { postgres } from "./postgres/index.js";
import { sqlite } from "./sqlite/index.js";

const DIALECTS: Readonly<Record<DialectName, Dialect | undefined>> = {
  postgres,
  sqlite,
};

export const DIALECT_NAMES = Object.keys(DIALECTS) as DialectName[];

/** The dialect of that name; PostgreSQL when none is given. */
export function dialectNamed(name: DialectName = "postgres"): Dialect {
  const dialect = DIALECTS[name];
  if (!dialect) throw new Error(`the ${name} dialect is not built yet`);
  return dialect;
}

export type { Dialect, DialectName, EngineRequest } from "./dialect.js";

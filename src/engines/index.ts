import type { Engine } from "./engine.js";
import { PgliteEngine } from "./pglite.js";
import { PostgresEngine } from "./postgres.js";

export interface EngineOptions {
  /** `postgres://…`: a server where Lockstep may create throwaway databases. */
  devUrl?: string;
  cacheDir?: string;
  /** A server's databases are kept on close instead of dropped (`trace --keep`). */
  keep?: boolean;
  /** Extensions the SQL creates (PGlite loads their bundles at start). */
  extensions?: readonly string[];
}

/** PGlite unless a development server is given. */
export function openEngine(options: EngineOptions = {}): Engine {
  if (options.devUrl) return new PostgresEngine(options.devUrl, options.keep);
  return new PgliteEngine({ cacheDir: options.cacheDir, extensions: options.extensions ?? [] });
}

export type { Database, Engine } from "./engine.js";
export { EngineError } from "./engine.js";

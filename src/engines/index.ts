import type { Engine } from "./engine.js";
import { PgliteEngine } from "./pglite.js";
import { PostgresEngine } from "./postgres.js";

export interface EngineOptions {
  /** `postgres://…`: a server where Lockstep may create throwaway databases. */
  devUrl?: string;
  cacheDir?: string;
}

/** PGlite unless a development server is given. */
export function openEngine(options: EngineOptions = {}): Engine {
  if (options.devUrl) return new PostgresEngine(options.devUrl);
  return new PgliteEngine({ cacheDir: options.cacheDir });
}

export type { Database, Engine } from "./engine.js";
export { EngineError } from "./engine.js";

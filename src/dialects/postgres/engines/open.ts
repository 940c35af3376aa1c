import type { Engine } from "../../../engines/engine.js";
import type { EngineRequest } from "../../dialect.js";
import { PgliteEngine } from "./pglite.js";
import { PostgresEngine } from "./server.js";

/** PGlite unless a development server is given. */
export function openEngine(options: EngineRequest = {}): Engine {
  if (options.devUrl) return new PostgresEngine(options.devUrl, options.keep);
  return new PgliteEngine({ cacheDir: options.cacheDir, extensions: options.extensions ?? [] });
}

import type { Database, Engine } from "../../../engines/engine.js";
import type { EngineRequest } from "../../dialect.js";

/**
 * The engine a request opens, its driver (PGlite, `pg`: ~150 ms to import) loaded on first use:
 * commands that never start an engine (lint) do not pay for it. The embedded engine can archive
 * its database (the replay cache); a server's names the databases it created.
 */
export function lazyEngine(request: EngineRequest): Engine {
  let loaded: Engine | undefined;
  let loading: Promise<Engine> | undefined;
  const engine = () => (loading ??= import("./open.js").then(({ openEngine }) => (loaded = openEngine(request))));
  const base: Engine = {
    kind: request.devUrl ? "postgres" : "pglite",
    fresh: async () => (await engine()).fresh(),
    close: async () => {
      const started = await loading?.catch(() => undefined);
      await started?.close();
    },
  };
  if (request.devUrl)
    return Object.defineProperty(base, "databases", { get: () => loaded?.databases ?? [], enumerable: true });
  return {
    ...base,
    saveState: async (file: string) => (await engine()).saveState!(file),
    fromState: async (file: string): Promise<Database> => (await engine()).fromState!(file),
  };
}

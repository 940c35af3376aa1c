import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Dialect } from "../dialects/dialect.js";
import type { Schema } from "../schema/model.js";

export interface CachedSchema {
  readonly schema: Schema;
  /** Objects the model does not describe (views, functions, …) in the built database, when counted. */
  readonly unmodelled?: number;
}

/**
 * The replay cache, in a folder the user can delete (`--cache-dir`, default ~/.cache/lockstep):
 * schemas read from sources, keyed by the sources' content and the engine, and for migration
 * histories the replayed database itself, so a second run restores it instead of replaying.
 */
export class SchemaCache {
  constructor(
    private readonly dir: string,
    /** What else the result depends on: engine kind and version, Lockstep's own version. */
    private readonly salt: string,
  ) {}

  key(sourceKey: string): string {
    return createHash("sha256").update(`${this.salt}\n${sourceKey}`).digest("hex").slice(0, 40);
  }

  schema(key: string): CachedSchema | undefined {
    const file = join(this.dir, "schemas", `${key}.json`);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, "utf8")) as CachedSchema;
    } catch {
      return undefined;
    }
  }

  saveSchema(key: string, entry: CachedSchema): void {
    this.write(join(this.dir, "schemas"), `${key}.json`, JSON.stringify(entry));
  }

  /** Where the archive of a replayed database lives (it may not exist). */
  statePath(key: string): string {
    mkdirSync(join(this.dir, "states"), { recursive: true });
    return join(this.dir, "states", `${key}.tar`);
  }

  private write(dir: string, name: string, content: string): void {
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = join(dir, `${name}.${process.pid}.tmp`);
      writeFileSync(tmp, content);
      renameSync(tmp, join(dir, name));
    } catch {
      // A cache that cannot be written only costs speed.
    }
  }
}

/** Bumped when what the cache holds changes shape. */
const CACHE_FORMAT = 3;

/**
 * What cached schemas depend on besides the sources: the code that shapes schemas, and the
 * dialect's engine build and schema-reading code (its cache key). Hashing that code means a new
 * Lockstep never trusts an old cache.
 */
export function cacheSalt(dialect: Dialect): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const files = [join(here, `../schema/model.${ext}`), join(here, `../engines/engine.${ext}`)];
  const h = createHash("sha256").update(`format ${CACHE_FORMAT}`);
  for (const f of files) h.update(existsSync(f) ? readFileSync(f) : f);
  h.update(`${dialect.name}\n${dialect.cacheKey()}`);
  return h.digest("hex");
}

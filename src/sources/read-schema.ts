import type { Dialect } from "../dialects/dialect.js";
import type { Schema } from "../schema/model.js";

export interface ReadSchemaOptions {
  /** Where relative paths start; default: the current directory. */
  readonly cwd?: string;
  readonly devUrl?: string;
  readonly cacheDir?: string;
}

/**
 * The schema a source spec describes (a .sql file, a migrations folder, a URL, a Prisma schema,
 * git:REF:PATH), built on a throwaway database of the dialect's, with the source's label (a URL's
 * password redacted). The engine is loaded only when a schema needs building (callers such as lint
 * stay light without one), and a schema built before from the same content on the embedded engine
 * is taken from the cache without starting it.
 */
export async function readSchema(
  spec: string,
  dialect: Dialect,
  options: ReadSchemaOptions = {},
): Promise<{ schema: Schema; label: string }> {
  // A Prisma or golang-migrate folder is read with the parser (statement headings, transactions).
  await dialect.ready();
  const { loadSchema, resolveSource } = await import("./index.js");
  const { cacheSalt, SchemaCache } = await import("./cache.js");
  const source = resolveSource(spec, dialect, options.cwd ?? process.cwd());
  const cache = options.cacheDir && !options.devUrl ? new SchemaCache(options.cacheDir, cacheSalt(dialect)) : undefined;
  const key = cache && source.cacheKey ? cache.key(source.cacheKey) : undefined;
  const cached = key ? cache!.schema(key)?.schema : undefined;
  if (cached) return { schema: cached, label: source.label };
  const engine = dialect.openEngine({ devUrl: options.devUrl, cacheDir: options.cacheDir });
  try {
    const schema = await loadSchema(source, await engine.fresh(), dialect);
    if (key) cache!.saveSchema(key, { schema });
    return { schema, label: source.label };
  } finally {
    await engine.close();
  }
}

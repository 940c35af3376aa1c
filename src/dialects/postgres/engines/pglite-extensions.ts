import type { Extension } from "@electric-sql/pglite";

/**
 * Extensions PGlite ships as separate bundles: each must be handed to PGlite when it starts,
 * before `CREATE EXTENSION` can find it. Keyed by the name `CREATE EXTENSION` uses.
 */
const MODULES: Record<string, { path: string; exported: string }> = {};
for (const name of [
  "amcheck",
  "bloom",
  "btree_gin",
  "btree_gist",
  "citext",
  "cube",
  "dict_int",
  "dict_xsyn",
  "earthdistance",
  "fuzzystrmatch",
  "hstore",
  "intarray",
  "isn",
  "lo",
  "ltree",
  "pg_trgm",
  "pgcrypto",
  "seg",
  "tablefunc",
  "tcn",
  "tsm_system_rows",
  "tsm_system_time",
  "unaccent",
  "uuid-ossp",
]) {
  const exported = name.replace(/-/g, "_");
  MODULES[name] = { path: `@electric-sql/pglite/contrib/${exported}`, exported };
}

export function isBundledExtension(name: string): boolean {
  return name in MODULES;
}

/** The bundles for these extension names (names PGlite has no bundle for are left out). */
export async function loadExtensions(names: Iterable<string>): Promise<Record<string, Extension>> {
  const out: Record<string, Extension> = {};
  for (const name of names) {
    const mod = MODULES[name];
    if (!mod) continue;
    out[mod.exported] = (await import(mod.path))[mod.exported] as Extension;
  }
  return out;
}

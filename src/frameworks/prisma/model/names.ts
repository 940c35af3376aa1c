/**
 * Prisma Migrate's default constraint and index names on PostgreSQL (psl's ConstraintNames):
 * `{table}_pkey`, `{table}_{columns}_key`, `{table}_{columns}_idx`, `{table}_{columns}_fkey`,
 * always from the database names (after `@map` / `@@map`). A name longer than PostgreSQL's
 * 63 bytes loses the end of its `{table}_{columns}` part, never its suffix.
 */

const MAX_IDENTIFIER_BYTES = 63;

export function primaryKeyName(table: string): string {
  return withSuffix(table, "_pkey");
}

export function uniqueIndexName(table: string, columns: readonly string[]): string {
  return withSuffix(`${table}_${columns.join("_")}`, "_key");
}

export function indexName(table: string, columns: readonly string[]): string {
  return withSuffix(`${table}_${columns.join("_")}`, "_idx");
}

export function foreignKeyName(table: string, columns: readonly string[]): string {
  return withSuffix(`${table}_${columns.join("_")}`, "_fkey");
}

function withSuffix(stem: string, suffix: string): string {
  return truncateBytes(stem, MAX_IDENTIFIER_BYTES - suffix.length) + suffix;
}

/** At most `max` UTF-8 bytes, cut at a character boundary (as PostgreSQL cuts long identifiers). */
export function truncateBytes(name: string, max = MAX_IDENTIFIER_BYTES): string {
  if (Buffer.byteLength(name, "utf8") <= max) return name;
  let out = "";
  let bytes = 0;
  for (const ch of name) {
    const size = Buffer.byteLength(ch, "utf8");
    if (bytes + size > max) break;
    out += ch;
    bytes += size;
  }
  return out;
}

/**
 * `--sqlite-version`: the oldest SQLite a migration must run on. Features SQLite added over time
 * are gated here, each with the release that brought it.
 */
export interface SqliteVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** Without the flag: 3.35, the first SQLite with DROP COLUMN (March 2021). */
export const DEFAULT_SQLITE_VERSION = "3.35";

export const FEATURES = {
  /** ALTER TABLE … RENAME COLUMN. */
  renameColumn: "3.25.0",
  /** A table rename rewrites the REFERENCES of other tables (and triggers, views) to the new name. */
  renameRewritesReferences: "3.26.0",
  /** GENERATED ALWAYS AS columns. */
  generatedColumns: "3.31.0",
  /** ALTER TABLE … DROP COLUMN. */
  dropColumn: "3.35.0",
  /** RETURNING on INSERT, UPDATE, DELETE. */
  returning: "3.35.0",
  /** CREATE TABLE … STRICT. */
  strictTables: "3.37.0",
} as const;

// Newer ALTER TABLE forms (`ALTER COLUMN c SET NOT NULL` / `DROP NOT NULL`, `ADD CONSTRAINT n
// CHECK (…)`, `DROP CONSTRAINT n`, sqlite.org's draft docs) are accepted by sql.js 1.17's SQLite
// 3.54.1 and refused by 3.40.1 (Debian's sqlite3): their first release is not confirmed here, so no
// gate is given for them yet. The embedded engine accepting a statement says nothing of the target.

export type Feature = keyof typeof FEATURES;

/** `3.35` → 3.35.0; throws on anything else, for a usage error with the flag's name. */
export function parseSqliteVersion(text: string): SqliteVersion {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a SQLite version: ${text} (expected e.g. 3.35 or 3.40.1)`);
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0) };
}

export function versionAtLeast(v: SqliteVersion, than: SqliteVersion): boolean {
  if (v.major !== than.major) return v.major > than.major;
  if (v.minor !== than.minor) return v.minor > than.minor;
  return v.patch >= than.patch;
}

/** True when SQLite `version` (default 3.35) has `feature`. */
export function supports(feature: Feature, version: string = DEFAULT_SQLITE_VERSION): boolean {
  return versionAtLeast(parseSqliteVersion(version), parseSqliteVersion(FEATURES[feature]));
}

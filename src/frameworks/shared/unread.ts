/**
 * What a migrations folder holds that no format reads: listed, never skipped silently. A folder
 * with no migration at all is an input error that says which names Lockstep looked for.
 */
import * as path from "node:path";
import { InputError } from "../../util/errors.js";
import { listEntries } from "./files.js";
import type { FormatName, FormatReader, MigrationFile, UnreadFile } from "../framework.js";

/** The file names each format reads, as the messages give them. */
export const FILE_PATTERNS: Readonly<Record<FormatName, string>> = {
  prisma: "<timestamp>_<name>/migration.sql (Prisma)",
  diesel: "<version>_<name>/up.sql and down.sql (Diesel)",
  pop: "<version>_<name>[.postgres][.autocommit].up.sql and .down.sql (Pop / fizz, as ory's popx reads them)",
  "golang-migrate": "<version>_<title>.up.sql and .down.sql (golang-migrate)",
  flyway: "V<version>__<description>.sql, U<version>__…, R__… (Flyway)",
  dbmate: "<version>_<name>.sql holding -- migrate:up (dbmate)",
  sql: "*.sql, with *.down.sql or down/*.sql as downs (plain SQL, in name order)",
};

/** Files that look like migrations: SQL, and Pop's fizz. */
const MIGRATION_LIKE = /\.(sql|fizz)$/i;

/**
 * The migration-like files of `dir` (and of its sub-folders, one level down) that `migrations`
 * do not use: the reader's own account where it has one.
 */
export function unreadFiles(reader: FormatReader, dir: string, migrations: readonly MigrationFile[]): UnreadFile[] {
  if (reader.unread) return reader.unread(dir, migrations);
  const used = new Set(migrations.flatMap((m) => [m.up.file, ...(m.down ? [m.down.file] : [])]));
  const candidates = listEntries(dir).flatMap((e) =>
    e.isDir ? listEntries(e.path).filter((x) => x.isFile) : e.isFile ? [e] : [],
  );
  return candidates
    .filter((e) => MIGRATION_LIKE.test(e.name) && !used.has(e.path))
    .map((e) => ({
      file: e.path,
      reason: `not a name the ${reader.name} format reads (${FILE_PATTERNS[reader.name]})`,
    }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Throws the input error for a folder that holds no migration: nothing checked is never a PASS.
 * The message names what was looked for and what the folder holds instead.
 */
export function requireMigrations(dir: string, migrations: readonly MigrationFile[]): void {
  if (migrations.length > 0) return;
  const names = listEntries(dir).map((e) => (e.isDir ? `${e.name}/` : e.name));
  const holds = names.length
    ? `it holds ${names.length} other entr${names.length === 1 ? "y" : "ies"} (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""})`
    : "it is empty";
  const looked = Object.values(FILE_PATTERNS).join("; ");
  // Named from the current folder, as every path the commands print.
  const shown = path.relative(process.cwd(), dir) || ".";
  throw new InputError(`no migration found: ${holds}. Lockstep looks for ${looked}`, shown);
}

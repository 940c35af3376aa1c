/**
 * What a migrations folder holds that its format does not read: listed, never skipped silently.
 */
import { listEntries } from "./files.js";
import type { FormatReader, MigrationFile, UnreadFile } from "../framework.js";

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
      reason: `not a name the ${reader.name} format reads (${reader.files})`,
    }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

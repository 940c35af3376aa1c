import { statSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import type { Dialect } from "../dialects/dialect.js";
import { parseDbmate } from "../frameworks/dbmate/index.js";
import type { SqlSection } from "../frameworks/framework.js";
import { detectFormat, requireMigrations, unreadFiles } from "../frameworks/index.js";
import type { FormatReader, MigrationFile } from "../frameworks/framework.js";
import type { Finding } from "../schema/finding.js";
import { readSqlFile } from "../frameworks/shared/files.js";
import { InputError, relabel } from "../util/errors.js";

/** A file larger than this is refused rather than parsed for a minute: no migration is that large. */
export const MAX_LINT_BYTES = 10 * 1024 * 1024;

/**
 * The SQL sections to lint under a path, in order, each knowing whether its format runs it in a
 * transaction: a folder is read with its detected format (every migration's up), a single file
 * with the format of the folder it sits in (dbmate markers, golang-migrate and Flyway rules, a
 * Prisma migration…), else as a plain file that runs in one transaction. The dialect tells a
 * file with no statement (white space and comments only).
 */
export function sectionsOf(path: string, cwd: string, dialect: Dialect, notes?: Finding[]): SqlSection[] {
  const abs = resolve(cwd, path);
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(abs);
  } catch {
    throw new InputError("no such file or folder", path);
  }
  if (stat.isDirectory()) {
    const reader = detectFormat(abs);
    const migrations = reader.read(abs, dialect);
    requireMigrations(abs, migrations);
    notes?.push(...unreadFindings(reader, abs, migrations, cwd));
    return migrations.map((m) => ({ ...m.up, file: relative(cwd, m.up.file) || m.up.file }));
  }
  if (stat.size > MAX_LINT_BYTES)
    throw new InputError(
      `too large to be a migration (${(stat.size / 1048576).toFixed(0)} MB; the limit is 10 MB)`,
      path,
      1,
      1,
    );
  let text: string;
  try {
    text = readSqlFile(abs);
  } catch (err) {
    throw relabel(err, path);
  }
  if (dialect.isBlank(text)) throw new InputError("empty file: no statement to lint", path, 1, 1);
  const relabelSection = (s: SqlSection): SqlSection => ({ ...s, file: path });
  if (/^--\s*migrate:up/m.test(text)) {
    const name = basename(abs, ".sql");
    return parseDbmate(text, abs, name.split("_")[0] ?? name, name).map((m) => relabelSection(m.up));
  }
  const upMarker = /^--\s*Up Migration\s*$/im.exec(text);
  if (upMarker) return [nodePgMigrateUp(text, path, upMarker.index + upMarker[0].length)];
  try {
    const reader = detectFormat(dirname(abs));
    const up = reader.readUp
      ? reader.readUp(abs, dialect)
      : reader.read(dirname(abs), dialect).find((m) => m.up.file === abs)?.up;
    if (up) return [relabelSection(up)];
  } catch {
    // The folder around it does not read as migrations (another file there is malformed): lint the file alone.
  }
  return [{ text, file: path, startLine: 1, transactional: true }];
}

/**
 * A finding per migration-like file of the folder that its format does not read (a note for
 * files that are expected to be left, such as another dialect's), named from `cwd`.
 */
export function unreadFindings(
  reader: FormatReader,
  dir: string,
  migrations: readonly MigrationFile[],
  cwd: string,
): Finding[] {
  return unreadFiles(reader, dir, migrations).map((u) => ({
    rule: "unread-file",
    severity: u.info ? "info" : "warning",
    message: `${u.reason}: not read`,
    file: relative(cwd, u.file) || u.file,
  }));
}

/**
 * node-pg-migrate's SQL files: `-- Up Migration` … `-- Down Migration`; the up section is what
 * runs (in a transaction: node-pg-migrate wraps each migration unless told otherwise in JS).
 */
function nodePgMigrateUp(text: string, file: string, upEnd: number): SqlSection {
  const down = /^--\s*Down Migration\s*$/im.exec(text);
  const end = down && down.index > upEnd ? down.index : text.length;
  const startLine = text.slice(0, upEnd).split("\n").length;
  return { text: text.slice(upEnd, end), file, startLine, transactional: true };
}

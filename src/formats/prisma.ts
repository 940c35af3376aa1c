/**
 * Prisma Migrate (reader only): the `prisma/migrations` folder, holding `migration_lock.toml` and
 * one folder `<YYYYMMDDHHMMSS>_<name>/migration.sql` per migration, applied in folder-name order.
 * Prisma has no down; a `down.sql` beside `migration.sql` (run with `prisma db execute --file`) is
 * taken as the down when present.
 *
 * Transactions: Prisma sends a migration script to PostgreSQL as one query, like golang-migrate
 * (see transactions.ts): several statements run in one implicit transaction, a single statement
 * on its own. A file that is exactly one statement needing to run outside a transaction block
 * is therefore read as `transactional: false` (how a lone `CREATE INDEX CONCURRENTLY` migration
 * works with Prisma), every other file as `transactional: true`.
 */
import * as path from "node:path";
import { InputError } from "../util/errors.js";
import { assertFolder, codeUnitCompare, fileSection, isDir, isFile, listEntries } from "./files.js";
import type { FormatReader, MigrationFile, SqlSection } from "./format.js";
import { runsAloneOutsideTransaction } from "./transactions.js";

function section(file: string): SqlSection {
  return fileSection(file, (text) => !runsAloneOutsideTransaction(text));
}

function migrationFolders(dir: string) {
  return listEntries(dir)
    .filter((e) => e.isDir)
    .sort((a, b) => codeUnitCompare(a.name, b.name));
}

export const prismaReader: FormatReader = {
  name: "prisma",
  detect(dir) {
    if (!isDir(dir)) return false;
    if (isFile(path.join(dir, "migration_lock.toml"))) return true;
    return migrationFolders(dir).some((f) => isFile(path.join(f.path, "migration.sql")));
  },
  read(dir) {
    assertFolder(dir);
    return migrationFolders(dir).map((f): MigrationFile => {
      const up = path.join(f.path, "migration.sql");
      if (!isFile(up)) throw new InputError("a Prisma migration folder needs a migration.sql", f.path);
      const down = path.join(f.path, "down.sql");
      const sep = f.name.indexOf("_");
      return {
        version: sep < 0 ? f.name : f.name.slice(0, sep),
        name: sep < 0 ? f.name : f.name.slice(sep + 1),
        path: f.path,
        up: section(up),
        ...(isFile(down) ? { down: section(down) } : {}),
      };
    });
  },
};

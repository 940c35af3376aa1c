/**
 * The frameworks: the registry, readers and writers by name, format detection, and reading a folder.
 */
import * as path from "node:path";
import type { Dialect } from "../dialects/dialect.js";
import { InputError } from "../util/errors.js";
import type { FormatReader, FormatWriter, MigrationFile, ModelSource } from "./framework.js";
import { assertFolder, listEntries } from "./shared/files.js";
import { dbmate } from "./dbmate/index.js";
import { diesel } from "./diesel/index.js";
import { flyway } from "./flyway/index.js";
import { golangMigrate } from "./golang-migrate/index.js";
import { pop } from "./pop/index.js";
import { prisma } from "./prisma/index.js";
import { sql } from "./sql/index.js";

export type {
  Framework,
  FormatReader,
  FormatWriter,
  MigrationFile,
  PlannedFile,
  SqlSection,
  UnreadFile,
  WriteRequest,
} from "./framework.js";
export { unreadFiles } from "./shared/unread.js";

/**
 * The registry: one line a framework, in detection order. Specific formats first; plain SQL, the
 * fallback, last. Pop before golang-migrate: Pop's names with a dialect segment also end in `.up.sql`.
 */
export const FRAMEWORKS = [prisma, diesel, pop, golangMigrate, flyway, dbmate, sql] as const;

/** A framework's name: `prisma`, `dbmate`, `golang-migrate`, … */
export type FormatName = (typeof FRAMEWORKS)[number]["name"];

export const readers = Object.fromEntries(FRAMEWORKS.map((f) => [f.name, f.reader])) as Readonly<
  Record<FormatName, FormatReader>
>;

export const writers = Object.fromEntries(
  FRAMEWORKS.flatMap((f) => (f.writer ? [[f.name, f.writer]] : [])),
) as Readonly<Partial<Record<FormatName, FormatWriter>>>;

/** The model source of the framework whose model `file` is (a `schema.prisma`), if any. */
export function modelAt(file: string): ModelSource | undefined {
  return FRAMEWORKS.find((f) => f.model?.isModel(file))?.model;
}

/**
 * The format of the migrations folder `dir`: the first specific format that recognises it, else
 * plain SQL (also for an empty folder). Throws InputError when `dir` is not an existing folder.
 */
export function detectFormat(dir: string): FormatReader {
  assertFolder(dir);
  // Plain SQL reads any folder of `.sql` files: it is what is left when no other format claims it.
  return FRAMEWORKS.find((f) => f !== sql && f.reader.detect(dir))?.reader ?? sql.reader;
}

/**
 * The migrations of folder `dir` in the order the tool applies them, read with `format` or the
 * detected one. Loads the dialect's parser first (golang-migrate, Flyway and Prisma need it to know
 * which files run outside a transaction). Rejects with InputError for a missing folder or a bad
 * file, with the file and line.
 */
export async function readMigrations(dir: string, dialect: Dialect, format?: FormatName): Promise<MigrationFile[]> {
  await dialect.ready();
  return readMigrationsSync(dir, dialect, format);
}

/** `readMigrations` for callers that have already awaited `dialect.ready()`. */
export function readMigrationsSync(dir: string, dialect: Dialect, format?: FormatName): MigrationFile[] {
  assertFolder(dir);
  const reader = format ? readers[format] : detectFormat(dir);
  return reader.read(dir, dialect);
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
  const looked = FRAMEWORKS.map((f) => f.reader.files).join("; ");
  // Named from the current folder, as every path the commands print.
  const shown = path.relative(process.cwd(), dir) || ".";
  throw new InputError(`no migration found: ${holds}. Lockstep looks for ${looked}`, shown);
}

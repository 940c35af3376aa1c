/**
 * The migration formats: readers and writers by name, format detection, and reading a folder.
 */
import { initParser } from "../dialects/postgres/parse.js";
import { dbmateReader, dbmateWriter } from "./dbmate/index.js";
import { dieselReader, dieselWriter } from "./diesel/index.js";
import { assertFolder } from "./shared/files.js";
import { flywayReader, flywayWriter } from "./flyway/index.js";
import type { FormatName, FormatReader, FormatWriter, MigrationFile } from "./framework.js";
import { golangMigrateReader, golangMigrateWriter } from "./golang-migrate/index.js";
import { popReader } from "./pop/index.js";
import { prismaReader, prismaWriter } from "./prisma/migrations.js";
import { sqlReader, sqlWriter } from "./sql/index.js";

export type {
  FormatName,
  FormatReader,
  FormatWriter,
  MigrationFile,
  PlannedFile,
  SqlSection,
  UnreadFile,
  WriteRequest,
} from "./framework.js";
export { FILE_PATTERNS, requireMigrations, unreadFiles } from "./shared/unread.js";

export const readers: Readonly<Record<FormatName, FormatReader>> = {
  sql: sqlReader,
  dbmate: dbmateReader,
  "golang-migrate": golangMigrateReader,
  flyway: flywayReader,
  diesel: dieselReader,
  prisma: prismaReader,
  pop: popReader,
};

export const writers: Readonly<Partial<Record<FormatName, FormatWriter>>> = {
  sql: sqlWriter,
  dbmate: dbmateWriter,
  "golang-migrate": golangMigrateWriter,
  flyway: flywayWriter,
  diesel: dieselWriter,
  prisma: prismaWriter,
};

/** Specific formats first; plain SQL is the fallback. */
const DETECTION_ORDER: readonly FormatReader[] = [
  prismaReader,
  dieselReader,
  // Before golang-migrate: Pop's names with a dialect segment also end in `.up.sql`.
  popReader,
  golangMigrateReader,
  flywayReader,
  dbmateReader,
];

/**
 * The format of the migrations folder `dir`: the first specific format that recognises it, else
 * plain SQL (also for an empty folder). Throws InputError when `dir` is not an existing folder.
 */
export function detectFormat(dir: string): FormatReader {
  assertFolder(dir);
  return DETECTION_ORDER.find((r) => r.detect(dir)) ?? sqlReader;
}

/**
 * The migrations of folder `dir` in the order the tool applies them, read with `format` or the
 * detected one. Loads the SQL parser first (golang-migrate, Flyway and Prisma need it to know
 * which files run outside a transaction). Rejects with InputError for a missing folder or a bad
 * file, with the file and line.
 */
export async function readMigrations(dir: string, format?: FormatName): Promise<MigrationFile[]> {
  await initParser();
  return readMigrationsSync(dir, format);
}

/** `readMigrations` for callers that have already awaited `initParser()`. */
export function readMigrationsSync(dir: string, format?: FormatName): MigrationFile[] {
  assertFolder(dir);
  const reader = format ? readers[format] : detectFormat(dir);
  return reader.read(dir);
}

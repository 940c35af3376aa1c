/**
 * Migration formats: how a framework lays migrations out on disk. A reader turns a folder into
 * ordered migrations of SQL text; a writer turns planned steps into files. SQL is the lingua
 * franca: every reader yields SQL text, every writer wraps the planner's SQL.
 */
import type { Step } from "../plan/model.js";

/** SQL text and where it stands, so statements parsed from it can be located. */
export interface SqlSection {
  readonly text: string;
  readonly file: string;
  /** 1-based line in `file` where `text` starts. */
  readonly startLine: number;
  /** False when the format runs this section outside a transaction. */
  readonly transactional: boolean;
}

export interface MigrationFile {
  /** The version that orders it (timestamp, sequence number, Flyway version). */
  readonly version: string;
  readonly name: string;
  /** The file (or folder, for diesel and Prisma) the migration lives in. */
  readonly path: string;
  readonly up: SqlSection;
  readonly down?: SqlSection;
}

export type FormatName = "sql" | "dbmate" | "golang-migrate" | "flyway" | "diesel" | "prisma" | "pop";

/** A file in a migrations folder that the format does not read, and why (listed, never skipped silently). */
export interface UnreadFile {
  readonly file: string;
  readonly reason: string;
  /** Expected and harmless (files for another dialect): a note, not a warning. */
  readonly info?: boolean;
}

export interface FormatReader {
  readonly name: FormatName;
  /**
   * True when the framework has down migrations (dbmate, golang-migrate, Flyway undo, diesel, plain
   * SQL's `.down.sql`): a missing or empty down is then an error unless the migration is marked
   * irreversible. False where the framework has none (Prisma): a missing down is a warning, and
   * `lockstep downs` can write them.
   */
  readonly hasDowns: boolean;
  /**
   * Where the down of migration `m` goes as a file of its own, in this format's place (Prisma's
   * `down.sql` in the folder, golang-migrate's `.down.sql`, Flyway's `U<ver>__<desc>.sql`).
   * Undefined when it has none: dbmate keeps the down in the migration's own file, a Flyway
   * repeatable has no undo.
   */
  downFile(m: MigrationFile): string | undefined;
  /** How to run a down written beside `m` where the tool runs none itself (Prisma), for its header. */
  downNote?(m: MigrationFile, shownFile: string): readonly string[];
  /** True when `dir` looks like this format's migrations folder. */
  detect(dir: string): boolean;
  /** The folder's migrations, in the order the tool applies them. */
  read(dir: string): MigrationFile[];
  /**
   * The up section of one file of the folder, without reading the rest: for formats whose files
   * stand alone (linting one file of a folder of thousands). Undefined when it is not an up.
   * Formats without it are read whole.
   */
  readUp?(file: string): SqlSection | undefined;
  /**
   * The migration-like files (`.sql`, `.fizz`) of `dir` that `read` left out, given what it read;
   * formats without it get the generic listing of unreadFiles (unread.ts).
   */
  unread?(dir: string, migrations: readonly MigrationFile[]): UnreadFile[];
}

/** A file a writer wants written: its path relative to the output folder, and its content. */
export interface PlannedFile {
  readonly path: string;
  readonly content: string;
}

export interface WriteRequest {
  readonly steps: readonly Step[];
  /** Base name of the migration, snake_case, e.g. `add_avatar`. */
  readonly name: string;
  /** The output folder (it may already hold migrations: follow their convention). */
  readonly dir: string;
  /** Clock for timestamped names (UTC). */
  readonly now: Date;
  /**
   * When `steps` are one deploy of a larger plan (the rest kept in `.lockstep/pending/`): the
   * index of `steps[0]` in the plan and the plan's number of steps, so files are numbered as the
   * whole plan would number them, and this deploy's number (1-based) of the plan's deploys.
   */
  readonly part?: { readonly first: number; readonly of: number; readonly deploy: number; readonly deploys: number };
}

export interface FormatWriter {
  readonly name: FormatName;
  plan(request: WriteRequest): PlannedFile[];
}

/**
 * The Framework seam (DESIGN.md §3, §4a): what Lockstep knows of a migration tool, one folder a
 * framework under `src/frameworks/<name>/`, listed by the registry (`index.ts`). A framework is
 * how it lays migrations out on disk (its format: a reader turns a folder into ordered migrations
 * of SQL text, a writer turns planned steps into files), what its runner does with them
 * (transactions, bookkeeping table), and, where it has one, the model the desired schema comes
 * from (Prisma's `schema.prisma`). SQL is the lingua franca: every reader yields SQL text, every
 * writer wraps the planner's SQL.
 *
 * Type-only module. What a framework needs to know of the database (parsing, what must run
 * outside a transaction, quoting) it asks the Dialect it is handed.
 */
import type { Dialect, DialectName } from "../dialects/dialect.js";
import type { Step } from "../plan/model.js";
import type { Source } from "../sources/index.js";
import type { Project } from "./detect.js";
import type { FormatName } from "./index.js";

export type { FormatName };

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

/** A file in a migrations folder that the format does not read, and why (listed, never skipped silently). */
export interface UnreadFile {
  readonly file: string;
  readonly reason: string;
  /** Expected and harmless (files for another dialect): a note, not a warning. */
  readonly info?: boolean;
}

export interface FormatReader {
  readonly name: FormatName;
  /** The file names it reads, as messages give them (`<version>_<title>.up.sql and .down.sql (golang-migrate)`). */
  readonly files: string;
  /**
   * True when the framework has down migrations (dbmate, golang-migrate, Flyway undo, diesel, plain
   * SQL's `.down.sql`): a missing or empty down is then an error unless the migration is marked
   * irreversible. False where the framework has none (Prisma): a missing down is a warning, and
   * `lockstep downs` can write them.
   */
  readonly hasDowns: boolean;
  /** The dialect folder `dir` says it is written in, where the format records one (Prisma's migration_lock.toml). */
  declaredDialect?(dir: string): DialectName | undefined;
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
  /**
   * The folder's migrations, in the order the tool applies them. `dialect` parses a file where the
   * tool decides from its SQL whether it runs in a transaction (golang-migrate, Flyway, Prisma);
   * its parser must be loaded (`await dialect.ready()`).
   */
  read(dir: string, dialect: Dialect): MigrationFile[];
  /**
   * The up section of one file of the folder, without reading the rest: for formats whose files
   * stand alone (linting one file of a folder of thousands). Undefined when it is not an up.
   * Formats without it are read whole.
   */
  readUp?(file: string, dialect: Dialect): SqlSection | undefined;
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
  /** The files to write; `dialect` parses the steps' statements where the format labels them (Prisma). */
  plan(request: WriteRequest, dialect: Dialect): PlannedFile[];
}

/**
 * How a framework's runner wraps a migration file in a transaction (FORMATS.md, "What each runner
 * does"), declared; its reader says it in each section's `transactional`, its writer follows it.
 */
export type TransactionWrapping =
  /** Each file in one transaction, unless the migration says otherwise (`noTransaction`). */
  | "per-file"
  /**
   * A file is sent as one query: several statements run in the dialect's implicit transaction, a
   * lone statement that must run outside one runs on its own (golang-migrate, Prisma).
   */
  | "one-query";

/** What the framework's own runner does with a migrations folder. */
export interface Runner {
  /** The table it records applied migrations in (`schema_migrations`); absent for plain SQL (no runner). */
  readonly bookkeepingTable?: string;
  readonly transactions: TransactionWrapping;
  /** How a migration says it runs outside a transaction; absent where it cannot say. */
  readonly noTransaction?: string;
}

/** A framework's model of the desired schema, compiled to the DDL the framework would write. */
export interface ModelSource {
  /** True when `path` is this framework's model (a `.prisma` file, a folder of them). */
  isModel(path: string): boolean;
  /** The model at `path` as a source, named `label` in messages. */
  source(path: string, label: string, dialect: Dialect): Source;
  /** The dialect the model at `path` is written for (Prisma's datasource provider), where it says. */
  dialect?(path: string): DialectName | undefined;
}

/**
 * One migration tool. Adding one is a folder under `src/frameworks/` exporting its Framework and a
 * line in the registry. Detection, `hasDowns` and `downFile` belong to its `reader`, the side that
 * knows the migrations folder (the stages hold a reader: lint, verify, downs, check).
 */
export interface Framework<N extends string = FormatName> {
  readonly name: N;
  readonly reader: FormatReader;
  /** Absent for a framework Lockstep reads but does not write (Pop). */
  readonly writer?: FormatWriter;
  readonly runner: Runner;
  readonly model?: ModelSource;
  /**
   * The project in `root` (absolute) when the framework's own configuration says so (Prisma's
   * schema and its migrations folder); frameworks without one are found by their migrations folder.
   */
  project?(root: string): Project | undefined;
  /** What `project` looks for, for the message when no project is found. */
  readonly projectFiles?: readonly string[];
}

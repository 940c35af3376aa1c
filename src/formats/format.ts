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

export type FormatName = "sql" | "dbmate" | "golang-migrate" | "flyway" | "diesel" | "prisma";

export interface FormatReader {
  readonly name: FormatName;
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

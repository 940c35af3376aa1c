/**
 * Project detection: which framework a folder uses, for which database, where its migrations
 * live and in which format, and where the model of the desired schema is. `plan` uses it when
 * `--to` is absent; `check` can use it the same way.
 */
import * as path from "node:path";
import type { FormatName } from "./framework.js";
import { isDir, isFile, listEntries } from "./shared/files.js";
import { detectFormat, FRAMEWORKS } from "./index.js";

/** What kind of project: one with a model of its own (Prisma), or plain migrations (any SQL format). */
export type ProjectFramework = "prisma" | "sql";

/**
 * The database a project says it uses, in Prisma's provider names (`postgres` read as
 * `postgresql`); `unknown` where nothing says. A name as detected, not the Dialect interface.
 */
export type DetectedDialect = "postgresql" | "mysql" | "sqlite" | "sqlserver" | "cockroachdb" | "mongodb" | "unknown";

export interface Project {
  /** The folder detection ran in (absolute). */
  readonly root: string;
  readonly framework: ProjectFramework;
  readonly dialect: DetectedDialect;
  /** Absolute path; it may not exist yet (a Prisma project before its first migration). */
  readonly migrationsDir: string;
  /** The format of the migrations folder (and of the files `plan` writes there). */
  readonly format: FormatName;
  /**
   * The model the desired schema is read from: Prisma's `schema.prisma` (or the folder of a
   * multi-file schema), a plain-SQL project's `schema.sql`. Absent when there is none.
   */
  readonly schemaFile?: string;
  /** The file that says which database (Prisma: the one with the `datasource` block). */
  readonly dialectSource?: string;
  /** How each part was found, one line each, for `detect` and messages. */
  readonly evidence: readonly string[];
}

export interface DetectOptions {
  /** A migrations folder named by the configuration (`migrations` in lockstep.config.json). */
  readonly migrations?: string;
}

/** Where migration tools keep migrations by default (dbmate, golang-migrate, diesel, Prisma, Supabase), as check looks. */
export const SQL_MIGRATION_FOLDERS: readonly string[] = [
  "db/migrations",
  "migrations",
  "prisma/migrations",
  "migrate",
  "supabase/migrations",
];

/** The declarative schema a plain-SQL project plans towards, at its root (as `lockstep check` takes it). */
export const SQL_SCHEMA_FILE = "schema.sql";

function sqlProject(root: string, dir: string, why: string): Project {
  const format = detectFormat(dir).name;
  const schema = path.join(root, SQL_SCHEMA_FILE);
  const hasSchema = isFile(schema);
  return {
    root,
    framework: format === "prisma" ? "prisma" : "sql",
    dialect: "postgresql",
    migrationsDir: dir,
    format,
    ...(hasSchema ? { schemaFile: schema } : {}),
    evidence: [
      `migrations in ${path.relative(root, dir) || "."} (${why}), ${format} format`,
      hasSchema ? `desired schema ${SQL_SCHEMA_FILE} (declarative SQL)` : `no ${SQL_SCHEMA_FILE}: no desired schema`,
      "dialect postgresql: Lockstep's default (set dialect in lockstep.config.json)",
    ],
  };
}

/** A folder holds migrations when it holds anything at all (an empty one is no evidence). */
function hasEntries(dir: string): boolean {
  return isDir(dir) && listEntries(dir).length > 0;
}

/** What detection looks for, in order, for the message when it finds nothing. */
export const PROJECT_FILES: readonly string[] = [
  ...FRAMEWORKS.flatMap((f) => f.projectFiles ?? []),
  ...SQL_MIGRATION_FOLDERS,
];

/**
 * The project in `dir`, or undefined when nothing there says which tooling it uses. Frameworks
 * with a project of their own first, in registry order (Prisma: prisma.config.ts, package.json
 * `prisma.schema`, `prisma/schema.prisma`, `schema.prisma`, `prisma/schema/`), then the
 * configured migrations folder, then the default folders
 * (`SQL_MIGRATION_FOLDERS`, in order, the first that holds files), with `schema.sql` at the root
 * as the desired schema when present. Throws InputError for a broken package.json or a Prisma
 * schema path naming nothing; reads no further than folder listings and the datasource block.
 */
export function detectProject(dir: string, options: DetectOptions = {}): Project | undefined {
  const root = path.resolve(dir);
  for (const framework of FRAMEWORKS) {
    const project = framework.project?.(root);
    if (project) return project;
  }
  if (options.migrations) return sqlProject(root, path.resolve(root, options.migrations), "configured");
  for (const candidate of SQL_MIGRATION_FOLDERS) {
    const folder = path.join(root, candidate);
    if (hasEntries(folder)) return sqlProject(root, folder, "default location");
  }
  return undefined;
}

/**
 * The format to write into `dir` when none is asked for: the format of the migrations already
 * there; for an empty or new folder, that of the framework whose project names it as its
 * migrations folder (Prisma's `prisma/migrations` beside its schema), else plain SQL.
 */
export function outputFormat(dir: string): FormatName {
  if (hasEntries(dir)) return detectFormat(dir).name;
  const folder = path.resolve(dir);
  const roots = [path.dirname(folder), path.dirname(path.dirname(folder))];
  const owner = FRAMEWORKS.find((f) => f.project && roots.some((r) => f.project!(r)?.migrationsDir === folder));
  return owner?.name ?? "sql";
}

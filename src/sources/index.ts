import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import type { Dialect } from "../dialects/dialect.js";
import type { Database } from "../engines/engine.js";
import { redactUrl } from "../engines/engine.js";
import { parseDbmate } from "../frameworks/dbmate/index.js";
import { detectFormat, modelAt } from "../frameworks/index.js";
import type { MigrationFile } from "../frameworks/framework.js";
import type { Schema } from "../schema/model.js";
import { InputError, relabel } from "../util/errors.js";
import { git as runGit } from "../util/git.js";
import { readSqlFile } from "../frameworks/shared/files.js";
import { executeUnits, fitsInOneTransaction, type SqlUnit, unitOf } from "./execute.js";

/**
 * Where a schema comes from: a declarative `.sql` file, a migrations folder (replayed in order),
 * a Prisma schema (`schema.prisma` or a folder of `.prisma` files), a database URL (read only),
 * `git:REF:PATH` (any of the files or folders above at a git revision), or nothing (an empty
 * database).
 */
export interface Source {
  /** How messages name it. */
  readonly label: string;
  /** The SQL that builds the schema in an empty database, in order. Absent for sources read in place. */
  readonly units?: readonly SqlUnit[];
  /** Reads the schema where it lives (database URLs). */
  read?(): Promise<Schema>;
  /** A key that changes whenever the schema could (content hash), for the replay cache. */
  readonly cacheKey?: string;
  /**
   * The desired schema as this source means it for an existing database (`current`): what the
   * source cannot describe or does not tell apart is taken as `current` has it (Prisma).
   */
  alignTo?(current: Schema, desired: Schema): Schema;
}

export const emptySource: Source = { label: "(empty database)", units: [], cacheKey: "empty" };

export function resolveSource(spec: string, dialect: Dialect, cwd = process.cwd()): Source {
  if (dialect.isDatabaseUrl(spec)) return urlSource(spec, dialect);
  if (spec.startsWith("git:")) return gitSource(spec, dialect, cwd);
  const path = resolve(cwd, spec);
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new InputError("no such file or folder", spec);
  }
  return fileOrFolderSource(path, spec, stat.isDirectory(), dialect);
}

function fileOrFolderSource(path: string, label: string, isDirectory: boolean, dialect: Dialect): Source {
  const model = modelAt(path);
  if (model) return model.source(path, label, dialect);
  return isDirectory ? migrationsSource(path, label, dialect) : sqlFileSource(path, label);
}

function readText(path: string, label: string): string {
  try {
    return readSqlFile(path);
  } catch (err) {
    throw relabel(err, label);
  }
}

/**
 * A declarative schema file, run whole; a dbmate migration file (its `-- migrate:up` marker) gives
 * its up sections only: its down would undo what the up builds.
 */
function sqlFileSource(path: string, label: string): Source {
  const text = readText(path, label);
  if (DBMATE_UP.test(text)) {
    const name = basename(path, ".sql");
    const ups = parseDbmate(text, label, name.split("_")[0] ?? name, name).map((m) => unitOf(m.up));
    return { label, cacheKey: hash(["dbmate-up", text]), units: ups };
  }
  return {
    label,
    cacheKey: hash([text]),
    units: [{ text, origin: { file: label }, mode: "grouped" }],
  };
}

/** dbmate's section marker, as lint reads it (src/lint/files.ts). */
const DBMATE_UP = /^--\s*migrate:up/m;

function migrationsSource(dir: string, label: string, dialect: Dialect): Source {
  const reader = detectFormat(dir);
  const migrations: MigrationFile[] = reader.read(dir, dialect);
  return {
    label: `${label} (${reader.name}, ${migrations.length} migrations)`,
    cacheKey: hash([reader.name, ...migrations.flatMap((m) => [m.path, m.up.text, String(m.up.transactional)])]),
    units: migrations.map((m) => unitOf(m.up)),
  };
}

/** A database given by URL: its schema is read where it lives, never written. */
function urlSource(url: string, dialect: Dialect): Source {
  return { label: redactUrl(url), read: () => dialect.readDatabase(url) };
}

/** `git:REF:PATH`: the file or folder at a revision, copied out to a temporary folder. */
function gitSource(spec: string, dialect: Dialect, cwd: string): Source {
  const m = /^git:([^:]+):(.+)$/.exec(spec);
  if (!m) throw new InputError(`${spec}: expected git:REF:PATH`);
  const [, ref, path] = m as unknown as [string, string, string];
  const git = (...args: string[]) => runGit(args, cwd, spec);

  const prefix = git("rev-parse", "--show-prefix").toString().trim();
  const full = join(prefix, path).replace(/\\/g, "/");
  const kind = git("cat-file", "-t", `${ref}:${full}`).toString().trim();
  const out = mkdtempSync(join(tmpdir(), "lockstep-git-"));
  if (kind === "blob") {
    const file = join(out, full.split("/").pop()!);
    writeFileSync(file, git("show", `${ref}:${full}`));
    return { ...fileOrFolderSource(file, spec, false, dialect), label: spec };
  }
  const files = git("ls-tree", "-r", "--name-only", ref, "--", full).toString().split("\n").filter(Boolean);
  for (const f of files) {
    const target = join(out, f.slice(full.length).replace(/^\//, ""));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, git("show", `${ref}:${f}`));
  }
  return { ...fileOrFolderSource(out, spec, true, dialect), label: spec };
}

function hash(parts: readonly string[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(`${p.length}:${p}`);
  return h.digest("hex");
}

/** The schema a source describes, built in `db` (which it leaves in that state) or read in place. */
export async function loadSchema(source: Source, db: Database, dialect: Dialect): Promise<Schema> {
  if (source.read) return source.read();
  await db.reset();
  await executeUnits(db, source.units ?? [], dialect);
  return dialect.introspect(db);
}

/**
 * The schema a source describes, leaving `db` as it was (empty): built inside a transaction that
 * is rolled back, when every statement allows it; otherwise built, read, and the database reset.
 */
export async function peekSchema(
  source: Source,
  db: Database,
  dialect: Dialect,
  options: { clearFirst?: boolean } = {},
): Promise<Schema> {
  if (source.read) return source.read();
  const units = source.units ?? [];
  if (!fitsInOneTransaction(units, dialect)) {
    if (options.clearFirst)
      throw new InputError(
        `${source.label}: cannot be built beside a cached history (it has statements that run outside a transaction, or too many for one); run with --no-cache`,
      );
    const schema = await loadSchema(source, db, dialect);
    await db.reset();
    return schema;
  }
  await db.exec("BEGIN");
  try {
    // On a database that holds another schema, empty it inside the transaction: the rollback brings it back.
    if (options.clearFirst) await dialect.clearInTransaction(db);
    await executeUnits(db, units, dialect, true);
    return await dialect.introspect(db);
  } finally {
    await db.exec("ROLLBACK");
  }
}

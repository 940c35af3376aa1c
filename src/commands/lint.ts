import { resolve } from "node:path";
import type { DialectName } from "../dialects/index.js";
import { dialectOf } from "./dialect-of.js";
import type { Finding, Severity } from "../schema/finding.js";
import { SqlSyntaxError } from "../schema/statement.js";
import { verdictOf } from "../schema/verdict.js";
import type { Verdict } from "../schema/verdict.js";
import { InputError } from "../util/errors.js";
import { readSchema } from "../sources/read-schema.js";
import { sectionsOf } from "../lint/files.js";
import { lintSections } from "../lint/run.js";

export interface LintRequest {
  /** Migration files or folders, linted in order (earlier ones are context for later ones). */
  readonly paths: readonly string[];
  /** The database before the migrations: a source spec (.sql file, migrations folder, URL). */
  readonly schema?: string;
  readonly cwd?: string;
  readonly postgresVersion?: number;
  readonly severities?: Readonly<Record<string, Severity | "off">>;
  readonly devUrl?: string;
  readonly cacheDir?: string;
  /** The dialect the migrations speak (PostgreSQL when absent). */
  readonly dialect?: DialectName;
  /** With SQLite: the oldest version the migrations must run on ("3.35" when absent). */
  readonly sqliteVersion?: string;
}

export interface LintResult {
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  /** The text of every file linted, for renderers that show source lines. */
  readonly sources: ReadonlyMap<string, string>;
}

/** `lockstep lint`: static rules over migrations written by hand, with the schema as context. */
export async function lint(request: LintRequest): Promise<LintResult> {
  const cwd = request.cwd ?? process.cwd();
  // One folder linted: it may say its dialect (Prisma's migration_lock.toml).
  const only = request.paths.length === 1 ? resolve(cwd, request.paths[0]!) : undefined;
  const dialect = dialectOf(request, only);
  await dialect.ready();
  const notes: Finding[] = [];
  const sections = request.paths.flatMap((p) => sectionsOf(p, cwd, dialect, notes));
  // Every path left out by the configuration's `ignore`: nothing checked is never a PASS.
  if (sections.length === 0) throw new InputError("nothing to lint: no migration file or folder given");
  const schema = request.schema ? (await readSchema(request.schema, dialect, { ...request, cwd })).schema : undefined;
  let findings: Finding[];
  try {
    findings = lintSections(sections, {
      dialect,
      postgresVersion: request.postgresVersion,
      sqliteVersion: request.sqliteVersion,
      schema,
      severities: request.severities,
    });
  } catch (err) {
    if (err instanceof SqlSyntaxError) throw new InputError(err.reason, err.file, err.line, err.column);
    throw err;
  }
  const sources = new Map<string, string>();
  // A section may start below line 1 (dbmate's `-- migrate:up`): pad it so lines count from the file's top.
  for (const s of sections) if (!sources.has(s.file)) sources.set(s.file, "\n".repeat(s.startLine - 1) + s.text);
  findings = [...notes, ...findings];
  return { verdict: verdictOf(findings), findings, sources };
}

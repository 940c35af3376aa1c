import type { Dialect, DialectName } from "../dialects/index.js";
import type { SqlSection } from "../frameworks/framework.js";
import { sectionsOf } from "../lint/files.js";
import { lintSections } from "../lint/run.js";
import type { Verdict } from "../schema/verdict.js";
import type { Finding } from "../schema/finding.js";
import { verdictOf } from "../schema/verdict.js";
import { dialectOf } from "./dialect-of.js";
import { executeUnits, unitOf } from "../sources/execute.js";
import { resolveSource } from "../sources/index.js";
import { InputError } from "../util/errors.js";
import { traceMigration } from "../trace/migration.js";
import type { TracedStatement } from "../trace/section.js";

export type { TracedStatement };

export interface TraceRequest {
  /** A migrations folder, or one migration file in it. */
  readonly path: string;
  /** How many of the newest migrations to trace (a folder); default 1. `all` traces every one. */
  readonly last?: number | "all";
  /** The database before the folder's first migration (a source spec); default: empty. */
  readonly schema?: string;
  readonly cwd?: string;
  readonly devUrl?: string;
  readonly cacheDir?: string;
  readonly postgresVersion?: number;
  /** Keep the traced database (a server's) instead of dropping it; its name is in the result. */
  readonly keep?: boolean;
  /** The dialect of the migrations (default PostgreSQL). */
  readonly dialect?: DialectName;
  /** With SQLite: the oldest version the migrations must run on ("3.35" when absent). */
  readonly sqliteVersion?: string;
}

export interface TraceResult {
  readonly verdict: Verdict;
  readonly statements: readonly TracedStatement[];
  readonly findings: readonly Finding[];
  /** With `keep`: the database left on the server, holding the traced migrations. */
  readonly keptDatabase?: string;
}

/**
 * `lockstep trace`: replays the migrations before the traced ones on a throwaway database, then
 * runs each traced statement as its runner would (in the migration's transaction, or alone) and
 * records the locks it took, the tables it rewrote and its duration. Everything happens on a
 * throwaway database, dropped at the end: nothing is kept.
 */
export async function trace(request: TraceRequest): Promise<TraceResult> {
  const dialect = dialectOf(request);
  await dialect.ready();
  const cwd = request.cwd ?? process.cwd();
  const notes: Finding[] = [];
  const { before, traced } = split(request, cwd, notes, dialect);
  if (request.keep && !request.devUrl)
    throw new InputError("--keep needs --dev-url: the embedded engine's database lives in memory only");
  const engine = dialect.openEngine({ devUrl: request.devUrl, cacheDir: request.cacheDir, keep: request.keep });
  try {
    const db = await engine.fresh();
    if (request.schema) {
      const source = resolveSource(request.schema, dialect, cwd);
      if (!source.units)
        throw new InputError("trace needs a schema it can build (a .sql file or migrations folder)", request.schema);
      await executeUnits(db, source.units, dialect);
    }
    await executeUnits(db, before.map(unitOf), dialect);
    const lint = lintSections(traced, {
      dialect,
      postgresVersion: request.postgresVersion,
      sqliteVersion: request.sqliteVersion,
    });
    const statements: TracedStatement[] = [];
    const findings: Finding[] = [...notes];
    // Each migration on its own, as verify traces it: what an earlier one created exists for the later ones.
    for (const section of traced) {
      const one = await traceMigration(db, section, lint, dialect);
      statements.push(...one.statements);
      findings.push(...one.findings);
    }
    const keptDatabase = request.keep ? engine.databases?.[0] : undefined;
    return { verdict: verdictOf(findings), statements, findings, ...(keptDatabase ? { keptDatabase } : {}) };
  } finally {
    await engine.close();
  }
}

/** The sections to replay first, and those to trace. */
function split(
  request: TraceRequest,
  cwd: string,
  notes: Finding[],
  dialect: Dialect,
): { before: SqlSection[]; traced: SqlSection[] } {
  const sections = sectionsOf(request.path, cwd, dialect, notes);
  if (sections.length <= 1) return { before: [], traced: sections };
  const n = request.last === "all" ? sections.length : Math.min(request.last ?? 1, sections.length);
  return { before: sections.slice(0, sections.length - n), traced: sections.slice(sections.length - n) };
}

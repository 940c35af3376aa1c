import { initParser, SqlSyntaxError } from "../dialects/postgres/parse.js";
import type { Finding, Severity } from "../report/finding.js";
import { verdictOf } from "../report/verdict.js";
import { RULES } from "../rules/index.js";
import type { Schema } from "../schema/model.js";
import type { Verdict } from "../plan/model.js";
import { InputError } from "../util/errors.js";
import { sectionsOf } from "./files.js";
import { lintSections } from "./run.js";

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
}

export interface LintResult {
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  /** The text of every file linted, for renderers that show source lines. */
  readonly sources: ReadonlyMap<string, string>;
}

/** `lockstep lint`: static rules over migrations written by hand, with the schema as context. */
export async function lint(request: LintRequest): Promise<LintResult> {
  await initParser();
  const cwd = request.cwd ?? process.cwd();
  const sections = request.paths.flatMap((p) => sectionsOf(p, cwd));
  const schema = request.schema ? await readSchema(request.schema, cwd, request) : undefined;
  let findings: Finding[];
  try {
    findings = lintSections(sections, {
      rules: RULES,
      postgresVersion: request.postgresVersion,
      schema,
      severities: request.severities,
    });
  } catch (err) {
    if (err instanceof SqlSyntaxError) throw new InputError(err.reason, err.file, err.line, err.column);
    throw err;
  }
  const sources = new Map<string, string>();
  for (const s of sections) if (!sources.has(s.file)) sources.set(s.file, s.text);
  return { verdict: verdictOf(findings), findings, sources };
}

async function readSchema(spec: string, cwd: string, request: LintRequest): Promise<Schema> {
  // The engine is loaded only when a schema needs building: linting alone stays light.
  const { openEngine } = await import("../engines/index.js");
  const { loadSchema, resolveSource } = await import("../sources/index.js");
  const { cacheSalt, SchemaCache } = await import("../sources/cache.js");
  const source = resolveSource(spec, cwd);
  // A schema built before from the same content (on PGlite) is reused without starting an engine.
  const cache = request.cacheDir && !request.devUrl ? new SchemaCache(request.cacheDir, cacheSalt()) : undefined;
  const key = cache && source.cacheKey ? cache.key(source.cacheKey) : undefined;
  const cached = key ? cache!.schema(key)?.schema : undefined;
  if (cached) return cached;
  const engine = openEngine({ devUrl: request.devUrl, cacheDir: request.cacheDir });
  try {
    const schema = await loadSchema(source, await engine.fresh());
    if (key) cache!.saveSchema(key, { schema });
    return schema;
  } finally {
    await engine.close();
  }
}

/**
 * Lockstep as a library: the same powers as the CLI. Every entry point works as imported (no init
 * call), and stops the engines it started when it returns, so node exits as soon as the work is done.
 */
import { check as checkImpl, type CheckRequest } from "./commands/check.js";
import { defaultCacheDir } from "./util/cache-dir.js";
import { diffSources, type DiffRequest } from "./commands/diff.js";
import { downs as downsImpl, type DownsRequest } from "./commands/downs.js";
import { dialectOf } from "./commands/dialect-of.js";
import type { DialectName, EngineRequest } from "./dialects/index.js";
import type { Database, Engine } from "./engines/engine.js";
import { libraryCall, libraryEngine } from "./engines/library-call.js";
import type { Rule } from "./lint/rule.js";
import { postgres } from "./dialects/postgres/index.js";
import type { Change } from "./diff/changes.js";
import { diffSchemas as diffWith } from "./diff/diff.js";
import type { Renames } from "./diff/renames.js";
import type { Schema } from "./schema/model.js";
import { lint as lintImpl, type LintRequest } from "./commands/lint.js";
import { planNext as planNextImpl, type NextRequest } from "./commands/plan-next.js";
import { plan as planImpl, type PlanRequest } from "./commands/plan.js";
import { readSchema as readSchemaImpl, type ReadSchemaOptions } from "./sources/read-schema.js";
import { trace as traceImpl, type TraceRequest } from "./commands/trace.js";
import { verify as verifyImpl, type VerifyRequest } from "./commands/verify.js";

// The SQL parser is WebAssembly, loaded asynchronously (~50 ms); synchronous entry points such as
// diffSchemas need it too, so it is loaded with the module rather than on a first call.
await dialectOf().ready();

export type { PlanRequest } from "./commands/plan.js";
export type { PlanResult } from "./plan/result.js";
export type { NextRequest } from "./commands/plan-next.js";
export type { DiffRequest, DiffResult } from "./commands/diff.js";
export type { ChangeReport, Phase, Plan, Risk, Step } from "./plan/model.js";
export type { Verdict } from "./schema/verdict.js";
export type { Finding, Severity } from "./schema/finding.js";
export type { Schema, Table, Column } from "./schema/model.js";
export type { Database, Engine } from "./engines/engine.js";
export type { EngineRequest as EngineOptions } from "./dialects/index.js";
export type { LintRequest, LintResult } from "./commands/lint.js";
export type { TraceRequest, TraceResult } from "./commands/trace.js";
export type { VerifyRequest, VerifyResult } from "./commands/verify.js";
export type { CheckRequest } from "./commands/check.js";
export type { CheckResult } from "./check/result.js";
export type { DetectedDialect, DetectOptions, Project, ProjectFramework } from "./frameworks/detect.js";
// The names these had before 0.2, kept for the library's users (`Dialect` is not the Dialect interface).
export type { DetectedDialect as Dialect, ProjectFramework as Framework } from "./frameworks/detect.js";
export type { ReadSchemaOptions } from "./sources/read-schema.js";
export type { DownReport, DownsRequest, DownsResult, DownStatus } from "./commands/downs.js";
/** The changes from one schema to another, read as PostgreSQL's (the dialect of the schemas it introspects). */
export const diffSchemas = (from: Schema, to: Schema, renames?: Renames): Change[] =>
  diffWith(from, to, postgres, renames);
export { InputError } from "./util/errors.js";
/** PostgreSQL's lint rules (the dialect's `rules`). */
export const RULES: readonly Rule[] = postgres.rules;
export { detectProject } from "./frameworks/detect.js";

/**
 * The CLI's cache (`$LOCKSTEP_CACHE_DIR` or ~/.cache/lockstep) unless the request names one or says
 * `cacheDir: undefined`: without it the embedded engine runs initdb on every call (~5 s).
 */
function cached<T extends { readonly cacheDir?: string }>(request: T): T {
  return "cacheDir" in request ? request : { ...request, cacheDir: defaultCacheDir() };
}

export const plan = libraryCall((request: PlanRequest) => planImpl(cached(request)));
export const diff = libraryCall((request: DiffRequest) => diffSources(cached(request)));
export const planNext = libraryCall((request: NextRequest) => planNextImpl(cached(request)));
export const lint = libraryCall((request: LintRequest) => lintImpl(cached(request)));
export const trace = libraryCall((request: TraceRequest) => traceImpl(cached(request)));
export const verify = libraryCall((request: VerifyRequest) => verifyImpl(cached(request)));
export const check = libraryCall((request: CheckRequest) => checkImpl(cached(request)));
export const readSchema = libraryCall(
  (spec: string, options: ReadSchemaOptions & { readonly dialect?: DialectName } = {}) =>
    readSchemaImpl(spec, dialectOf(options), cached(options)),
);
export const downs = libraryCall((request: DownsRequest) => downsImpl(cached(request)));
export const introspect = libraryCall((db: Database, dialect?: DialectName) => dialectOf({ dialect }).introspect(db));
/** A throwaway-database engine (PGlite, or a server with `devUrl`); `close()` it when done. */
export function openEngine(options: EngineRequest & { readonly dialect?: DialectName } = {}): Engine {
  return libraryEngine(dialectOf(options).openEngine(options));
}

/** Lockstep as a library: the same powers as the CLI. */
export { plan, type PlanRequest, type PlanResult } from "./plan/run.js";
export { planNext, type NextRequest } from "./plan/next.js";
export type { ChangeReport, Phase, Plan, Risk, Step, Verdict } from "./plan/model.js";
export type { Finding, Severity } from "./report/finding.js";
export type { Schema, Table, Column } from "./schema/model.js";
export { diffSchemas } from "./diff/diff.js";
export { introspect } from "./dialects/postgres/introspect.js";
export { openEngine } from "./engines/index.js";
export { InputError } from "./util/errors.js";
export { lint, type LintRequest, type LintResult } from "./lint/index.js";
export { trace, type TraceRequest, type TraceResult } from "./trace/index.js";
export { RULES } from "./rules/index.js";
export { verify, type VerifyRequest, type VerifyResult } from "./verify/folder.js";
export { check, type CheckRequest, type CheckResult } from "./check/index.js";
export { detectProject, type DetectOptions, type Dialect, type Framework, type Project } from "./project/detect.js";
export { readSchema, type ReadSchemaOptions } from "./sources/read-schema.js";

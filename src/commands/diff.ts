/**
 * `lockstep diff`: the changes between two sources, classified as the planner classifies them
 * (risk and reasons), without planning steps, checking them or writing files.
 */
import type { DialectName } from "../dialects/index.js";
import { dialectOf } from "./dialect-of.js";
import { planInputs } from "./plan-inputs.js";
import { emptySource, resolveSource } from "../sources/index.js";
import { timings } from "../util/timings.js";
import type { Risk } from "../plan/model.js";
import type { Verdict } from "../schema/verdict.js";
import { defaultPlanOptions } from "../plan/ops.js";
import { planChanges } from "../plan/planner.js";
import type { DiffResult } from "../plan/result.js";
import { schemaDiff } from "./schema-diff.js";

export type { DiffResult };

export interface DiffRequest {
  /** The dialect of both sources (default PostgreSQL). */
  readonly dialect?: DialectName;
  /** With SQLite: the oldest version the migrations must run on ("3.35" when absent). */
  readonly sqliteVersion?: string;
  /** Current schema: a source spec (`before.sql`, `db/migrations`, `postgres://…`, `git:REF:PATH`); none means empty. */
  readonly from?: string;
  /** Desired schema, a source spec. Without it, the project in `cwd` (or `project`) gives its model, and its migrations as `from`. */
  readonly to?: string;
  /** Detect the project in this folder and take the missing sources from it. */
  readonly project?: string;
  /** The configured migrations folder, for project detection. */
  readonly migrations?: string;
  readonly cwd?: string;
  /** `table.old=new` or `old_table=new_table`: diffed as a rename. */
  readonly renames?: readonly string[];
  /** `table.old=new`: a drop and an add, not a possible rename. */
  readonly notRenamed?: readonly string[];
  /** Production PostgreSQL major version: what is safe depends on it (default 14). */
  readonly postgresVersion?: number;
  /** A PostgreSQL server for throwaway databases; PGlite without it. */
  readonly devUrl?: string;
  readonly cacheDir?: string;
}

const VERDICT_OF: Record<Risk, Verdict> = { safe: "PASS", risky: "WARN", breaking: "BLOCK" };
const ORDER: readonly Verdict[] = ["PASS", "WARN", "BLOCK"];

/**
 * Both schemas built and diffed as `plan` does; each change classified by the planner's recipe.
 * Every difference is shown, drift included: no baseline, unlike a plan in a project.
 */
export async function diffSources(request: DiffRequest): Promise<DiffResult> {
  const lap = timings();
  const dialect = dialectOf(request);
  await dialect.ready();
  const cwd = request.cwd ?? process.cwd();
  const inputs = planInputs({ ...request, baseline: false }, cwd);
  const from = inputs.from ? resolveSource(inputs.from, dialect, cwd) : emptySource;
  const to = resolveSource(inputs.to, dialect, cwd);
  const { engine, built, diff } = await schemaDiff(
    {
      dialect,
      from,
      to,
      renames: request.renames ?? [],
      notRenamed: request.notRenamed ?? [],
      devUrl: request.devUrl,
      cacheDir: request.cacheDir,
    },
    lap,
  );
  try {
    const options = {
      ...defaultPlanOptions,
      dialect,
      ...(request.postgresVersion !== undefined ? { postgresVersion: request.postgresVersion } : {}),
    };
    const planned = planChanges(diff, built.from, built.to, options, "diff");
    lap("diff and classify");
    return {
      verdict: worst(planned.changes.map((c) => VERDICT_OF[c.risk])),
      changes: planned.changes,
      findings: planned.findings.filter((f) => f.rule === "possible-rename"),
      ...(diff.length === 0 ? { message: "No changes: the schemas are the same." } : {}),
      sources: { from: inputs.from ?? emptySource.label, to: inputs.to },
      ...(inputs.project ? { project: inputs.project } : {}),
      diff,
      from: built.from,
      to: built.to,
    };
  } finally {
    await engine.close();
  }
}

function worst(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), "PASS");
}

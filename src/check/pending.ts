/**
 * `check` and the deploys a plan keeps in `.lockstep/pending/` (one deploy at a time): each plan
 * is reported, with whether the migrations folder still builds the schema its next deploy expects.
 */
import { relative } from "node:path";
import type { Dialect } from "../dialects/dialect.js";
import type { Step } from "../plan/model.js";
import { deployRange, type FoundPending } from "../plan/pending.js";
import { folderUnits, replayFolder } from "../verify/pending-prints.js";
import { extensionsCreated } from "../sources/execute.js";
import type { Finding } from "../schema/finding.js";
import { printDifferences, schemaPrint } from "../schema/schema-print.js";

export interface PendingReport {
  readonly name: string;
  /** The plan's folder, relative to the project. */
  readonly dir: string;
  readonly deploys: number;
  /** The numbers of the deploys kept, the next one first. */
  readonly remaining: readonly number[];
  /** True when the migrations folder builds the schema the next deploy expects. */
  readonly upToDate: boolean;
  /** What differs when it does not. */
  readonly changed: readonly string[];
}

export async function pendingReports(
  found: readonly FoundPending[],
  migrations: string,
  cwd: string,
  engineOptions: { readonly devUrl?: string; readonly cacheDir?: string },
  dialect: Dialect,
): Promise<PendingReport[]> {
  if (found.length === 0) return [];
  const extensions = extensionsCreated(folderUnits(migrations, dialect), dialect);
  const engine = dialect.openEngine({ ...engineOptions, extensions });
  try {
    const print = schemaPrint(await replayFolder(await engine.fresh(), migrations, dialect));
    return found.map(({ dir, plan }) => {
      const changed = printDifferences(plan.expected, print);
      return {
        name: plan.name,
        dir: relative(cwd, dir),
        deploys: plan.deploys,
        remaining: plan.remaining.map((d) => d.deploy),
        upToDate: changed.length === 0,
        changed,
      };
    });
  } finally {
    await engine.close();
  }
}

/** The steps still to come of the plans the folder is ready for, in order: the drift is planned after them. */
export function stepsToCome(found: readonly FoundPending[], reports: readonly PendingReport[]): Step[] {
  return found.flatMap((f, i) => (reports[i]?.upToDate ? f.plan.remaining.flatMap((d) => d.steps) : []));
}

/**
 * One finding a pending plan. Info when the folder is as the plan expects: deploys waiting their
 * turn are the intended state between releases, not a defect of the migrations under test (and
 * a warning would fail every `--fail-on warn` run that carries a first deploy). A warning when the
 * folder changed since: `plan --next` will refuse, and someone must plan again.
 */
export function pendingFinding(p: PendingReport, found: FoundPending): Finding {
  const kept = `${p.name} keeps ${deployRange(found.plan)} of ${p.deploys} in ${p.dir}`;
  return p.upToDate
    ? {
        rule: "pending-deploys",
        severity: "info",
        message: `${kept}, not in the migrations folder yet (one deploy at a time); the drift is planned after them`,
        fix: `once deploy ${p.remaining[0]! - 1} is applied, run lockstep plan --next`,
        file: p.dir,
      }
    : {
        rule: "pending-deploys",
        severity: "warning",
        message: `${kept}, but the migrations folder no longer builds the schema they expect (${p.changed.join("; ")}): lockstep plan --next will refuse`,
        fix: `delete ${p.dir} and plan again from the model`,
        file: p.dir,
      };
}

import { relative, resolve } from "node:path";
import type { Dialect, DialectName } from "../dialects/index.js";
import { dialectOf } from "./dialect-of.js";
import type { Change } from "../diff/changes.js";
import { describeChange } from "../diff/describe.js";
import { diffSchemas } from "../diff/diff.js";
import { parseRenames } from "../diff/renames.js";
import type { FormatName, FormatWriter } from "../frameworks/framework.js";
import { writers } from "../frameworks/index.js";
import type { Project } from "../frameworks/detect.js";
import { outputFormat } from "../frameworks/detect.js";
import { planInputs } from "./plan-inputs.js";
import type { Finding } from "../schema/finding.js";
import { verdictOf } from "../schema/verdict.js";
import type { Built } from "../verify/build-schemas.js";
import { emptySource, resolveSource } from "../sources/index.js";
import { InputError } from "../util/errors.js";
import { timings } from "../util/timings.js";
import { writeFilesAtomically } from "../util/write-files.js";
import { checkPlan } from "../verify/check-plan.js";
import { renderMigrationGuide } from "../report/migration-guide.js";
import { timestamp } from "../frameworks/shared/render.js";
import { traceSteps } from "../trace/steps.js";
import { splitDeploys } from "../frameworks/shared/deploys.js";
import { laterDeploys, pendingDirFor, writePending } from "./keep-pending.js";
import type { Step } from "../plan/model.js";
import { pendingConflicts, withPendingSteps } from "../plan/pending-source.js";
import { defaultPlanOptions, type PlanOptions } from "../plan/ops.js";
import { planChanges } from "../plan/planner.js";
import type { PlanResult } from "../plan/result.js";
import { schemaDiff } from "./schema-diff.js";
import { describeMissing, hasMissing, missingInputs, type PlanAnswers, parseBackfills } from "../plan/questions.js";

export interface PlanRequest {
  /** The dialect to plan in (default PostgreSQL). */
  readonly dialect?: DialectName;
  /** With SQLite: the oldest version the migrations must run on ("3.35" when absent). */
  readonly sqliteVersion?: string;
  /** Current schema: a source spec (`before.sql`, `db/migrations`, `postgres://…`, `git:REF:PATH`); none means empty. */
  readonly from?: string;
  /**
   * Desired schema, a source spec. Without it, the project in `cwd` (or `project`) is detected and
   * gives `to` (its model), and `from`, `out`, `writer` where absent (see planInputs).
   */
  readonly to?: string;
  /**
   * The model the existing migrations were made from (`git:REF:prisma/schema.prisma`): only what
   * the desired model changed since it is planned; the rest of what the database has stays (see
   * desiredOnBaseline). In a project, by default, the model at the newest migration's commit
   * (see planInputs); `false`: none.
   */
  readonly baseline?: string | false;
  /** Detect the project in this folder and take the missing sources and output from it. */
  readonly project?: string;
  /** The configured migrations folder, for project detection. */
  readonly migrations?: string;
  readonly cwd?: string;
  /** `table.old=new` or `old_table=new_table`. */
  readonly renames?: readonly string[];
  readonly notRenamed?: readonly string[];
  /** `table.column=SQL expression`. */
  readonly backfills?: readonly string[];
  readonly allowBreaking?: boolean;
  /** How breaking changes were confirmed, for the markers in the files (default: the flags). */
  readonly confirmedBy?: "flags" | "prompt";
  readonly postgresVersion?: number;
  readonly lockTimeout?: string;
  readonly batchSize?: number;
  /** A PostgreSQL server for throwaway databases; PGlite without it. */
  readonly devUrl?: string;
  readonly cacheDir?: string;
  /** Where to write the migration files; nothing is written without it. */
  readonly out?: string;
  readonly writer?: FormatName;
  readonly name?: string;
  /**
   * Steps already planned and kept in `.lockstep/pending/`, applied after `from`'s own SQL so they
   * are not planned again (`check`'s drift).
   */
  readonly applyPending?: readonly Step[];
  /** Write a migration guide (`<timestamp>_<name>.guide.md`) beside the files: changes, steps, lock impact, rollback, monitoring. */
  readonly withDocs?: boolean;
  readonly now?: Date;
}

/**
 * The whole `plan` pipeline: build both schemas on the engine, diff, plan with recipes, check the
 * plan by running it up and down, and write files when asked and allowed.
 */
export async function plan(request: PlanRequest): Promise<PlanResult> {
  const lap = timings();
  const cwd = request.cwd ?? process.cwd();
  const inputs = planInputs(request, cwd);
  // The model's own provider speaks when the request names no dialect (a sqlite schema.prisma).
  const dialect = dialectOf(request.dialect || !inputs.dialect ? request : { dialect: inputs.dialect });
  await dialect.ready();
  const fromSource = withPendingSteps(
    inputs.from ? resolveSource(inputs.from, dialect, cwd) : emptySource,
    request.applyPending ?? [],
  );
  // `.lockstep/pending/` sits at the project root, else in the current folder.
  const root = inputs.project?.root ?? cwd;
  const toSource = resolveSource(inputs.to, dialect, cwd);
  const baselineSource = inputs.baseline ? resolveSource(inputs.baseline, dialect, cwd) : undefined;
  const backfills = parseBackfills(request.backfills ?? []);
  const options: PlanOptions = {
    ...defaultPlanOptions,
    dialect,
    allowBreaking: request.allowBreaking ?? false,
    ...(request.confirmedBy ? { confirmedBy: request.confirmedBy } : {}),
    backfills,
    ...(request.postgresVersion !== undefined ? { postgresVersion: request.postgresVersion } : {}),
    ...(request.sqliteVersion !== undefined ? { sqliteVersion: request.sqliteVersion } : {}),
    ...(request.lockTimeout !== undefined ? { lockTimeout: request.lockTimeout } : {}),
    ...(request.batchSize !== undefined ? { batchSize: request.batchSize } : {}),
  };

  const { engine, aligned, built, renames, diff } = await schemaDiff(
    {
      dialect,
      from: fromSource,
      to: toSource,
      ...(baselineSource ? { baseline: baselineSource } : {}),
      renames: request.renames ?? [],
      notRenamed: request.notRenamed ?? [],
      devUrl: request.devUrl,
      cacheDir: request.cacheDir,
    },
    lap,
  );
  try {
    const { from, to } = built;
    const name = sanitizeName(request.name ?? defaultName(diff));
    const planned = planChanges(diff, from, to, options, name);
    const findings: Finding[] = [...planned.findings, ...leftAlone(aligned, diff, renames, inputs.baseline, dialect)];
    const missing = planned.findings.some((f) => f.severity === "error")
      ? missingInputs(from, to, answersOf(request), options)
      : undefined;
    if (missing && hasMissing(missing))
      findings.push({
        rule: "missing-input",
        severity: "error",
        message: describeMissing(missing),
        fix: `lockstep plan … ${missing.flags.join(" ")} (the same arguments, plus these flags)`,
      });
    if (inputs.project || inputs.out) findings.push(...pendingConflicts(root, cwd, !!inputs.out));
    lap("diff and plan");

    let checked = false;
    if (planned.steps.length > 0 && !findings.some((f) => f.severity === "error")) {
      const check = await checkPlan(built, planned.steps, diff, dialect);
      for (const problem of check.problems) findings.push({ rule: "self-check", severity: "error", message: problem });
      for (const note of check.notes) findings.push({ rule: "self-check", severity: "info", message: note });
      // After a note the database stopped halfway: it is not back in the current state.
      checked = check.problems.length === 0 && check.notes.length === 0;
    }
    lap("self-check");
    const verdict = verdictOf(findings, planned.needsCodeDeploy);
    let files: string[] = [];
    const deploys = splitDeploys(planned.steps);
    let pending: string | undefined;
    if (inputs.out && verdict !== "BLOCK" && planned.steps.length > 0) {
      const out = resolve(cwd, inputs.out);
      const writer = chooseWriter(out, inputs.writer);
      const now = request.now ?? new Date();
      // One deploy at a time: runners apply every pending migration at once.
      const part = { first: 0, of: planned.steps.length, deploy: 1, deploys: deploys.length };
      const toWrite = writer.plan(
        {
          steps: deploys[0]!,
          name,
          dir: out,
          now,
          ...(deploys.length > 1 ? { part } : {}),
        },
        dialect,
      );
      const pendingDir = deploys.length > 1 ? pendingDirFor(root, name, cwd) : undefined;
      if (request.withDocs) {
        // After a passing self-check the database is back in the current state: trace the steps there.
        const impact = checked ? await traceSteps(built.db, planned.steps, dialect) : undefined;
        const guide = renderMigrationGuide(
          {
            name,
            verdict,
            changes: planned.changes,
            steps: planned.steps,
            files: toWrite.map((f) => f.path),
            ...(impact ? { impact } : {}),
          },
          dialect,
        );
        toWrite.push({ path: `${timestamp(now)}_${name}.guide.md`, content: guide });
      }
      // After the guide's trace: printing the deploys takes a fresh database (PGlite resets its one).
      const later = pendingDir
        ? await laterDeploys({ engine, dialect, out, root, format: writer.name, name, deploys, now })
        : undefined;
      files = writeFilesAtomically(out, toWrite);
      if (later && pendingDir) {
        writePending(pendingDir, later, files);
        pending = relative(cwd, pendingDir);
      }
    }
    return {
      verdict,
      changes: planned.changes,
      steps: planned.steps,
      files,
      findings,
      diff,
      from,
      to,
      ...messageOf(diff.length, inputs.project && !inputs.out ? inputs.project : undefined, cwd),
      sources: {
        from: inputs.from ?? emptySource.label,
        to: inputs.to,
        ...(inputs.baseline ? { baseline: inputs.baseline } : {}),
      },
      ...(inputs.project ? { project: inputs.project } : {}),
      ...(missing && hasMissing(missing) ? { missing } : {}),
      ...(deploys.length ? { deploys: deploys.length, deploysRemaining: deploys.length - 1 } : {}),
      ...(pending ? { pending } : {}),
    };
  } finally {
    await engine.close();
  }
}

function answersOf(request: PlanRequest): PlanAnswers {
  return {
    renames: request.renames ?? [],
    notRenamed: request.notRenamed ?? [],
    backfills: request.backfills ?? [],
    allowBreaking: request.allowBreaking ?? false,
  };
}

/** `add_column_users_avatar_url` for one change; `change_orders_users` for several. */
function defaultName(diff: readonly Change[]): string {
  if (diff.length === 0) return "no_change";
  const tables = [...new Set(diff.flatMap((c) => ("table" in c && c.table ? [c.table.name] : [])))].sort();
  const first = diff[0]!;
  if (diff.length === 1) {
    const column = "column" in first && first.column && typeof first.column === "object" ? `_${first.column.name}` : "";
    return `${first.kind}${tables[0] ? `_${tables[0]}` : ""}${column}`;
  }
  return `change_${tables.slice(0, 3).join("_") || "schema"}`;
}

function sanitizeName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 60) || "migration"
  );
}

/** The writer asked for, else the format of the folder (see outputFormat). */
function chooseWriter(dir: string, name: FormatName | undefined): FormatWriter {
  const writer = writers[name ?? outputFormat(dir)];
  if (!writer) throw new InputError(`--writer ${name}: no writer for that format (${Object.keys(writers).join(", ")})`);
  return writer;
}

/** No changes; or, in a project without `--name`, where the files would go. */
function messageOf(changes: number, unwritten: Project | undefined, cwd: string): { message?: string } {
  if (changes === 0) return { message: "No changes: the schemas are the same, nothing to do." };
  if (!unwritten) return {};
  const dir = relative(cwd, unwritten.migrationsDir) || ".";
  return {
    message: `Preview: nothing written. Pass --name NAME to write the migration into ${dir} (${unwritten.format}).`,
  };
}

/** What the database has that the model without a baseline would undo, and the plan leaves: one info finding. */
function leftAlone(
  built: Built,
  planned: readonly Change[],
  renames: ReturnType<typeof parseRenames>,
  spec: string | undefined,
  dialect: Dialect,
): Finding[] {
  if (!built.baseline || !spec) return [];
  const kept = new Set(planned.map(describeChange));
  const left = diffSchemas(built.from, built.to, dialect, renames)
    .map(describeChange)
    .filter((d) => !kept.has(d));
  if (!left.length) return [];
  return [
    {
      rule: "baseline-drift",
      severity: "info",
      message: `${left.length === 1 ? "1 difference" : `${left.length} differences`} between the current schema and ${spec} left as ${left.length === 1 ? "it is" : "they are"} (the model did not change ${left.length === 1 ? "it" : "them"}): ${left.join("; ")}`,
      fix: "to plan them as well, run without --baseline",
    },
  ];
}

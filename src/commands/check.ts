import { relative, resolve } from "node:path";
import type { Dialect, DialectName } from "../dialects/index.js";
import { detectFormat, requireMigrations } from "../frameworks/index.js";
import type { MigrationFile } from "../frameworks/framework.js";
import { diffSchemas } from "../diff/diff.js";
import { lint } from "./lint.js";
import { dialectOf } from "./dialect-of.js";
import { defaultPlanOptions } from "../plan/ops.js";
import { planChanges } from "../plan/planner.js";
import type { Schema } from "../schema/model.js";
import type { ChangeReport, Step } from "../plan/model.js";
import type { Verdict } from "../schema/verdict.js";
import type { Finding, Severity } from "../schema/finding.js";
import { oncePerStatement } from "../report/once-per-statement.js";
import { verdictOf } from "../schema/verdict.js";
import { verify } from "./verify.js";
import { appendChangelog, type ShippedChange } from "../report/changelog.js";
import { preDeployChecklist } from "../check/checklist.js";
import { indexRecommendations } from "../check/indexes.js";
import { underTest as chooseUnderTest } from "../check/under-test.js";
import { listPending } from "../plan/pending.js";
import type { CheckResult } from "../check/result.js";
import { pendingFinding, pendingReports, stepsToCome } from "../check/pending.js";

export interface CheckRequest {
  /** The migrations folder. */
  readonly migrations: string;
  /** The desired schema (model or declarative schema file, any plan source); drift is checked only with it. */
  readonly schema?: string;
  /**
   * The migrations under test (lint and verify): the newest N; with `base`, the newest N of those.
   * Default: those added or changed since the merge-base with the default branch (see under-test.ts).
   */
  readonly last?: number;
  /** A branch or revision: the migrations under test are those added or changed since the merge-base with it. */
  readonly base?: string;
  /** Rows seeded per table before each migration under test (verify's `--rows`). */
  readonly rows?: number;
  /** Progress of the verify pass, for a terminal. */
  readonly onProgress?: (n: number, total: number, file: string) => void;
  /** Framework and dialect as detected, for the report (default: plain SQL on PostgreSQL). */
  readonly framework?: string;
  readonly cwd?: string;
  /** The project's root, where `.lockstep/pending/` lives (default: `cwd`). */
  readonly root?: string;
  readonly postgresVersion?: number;
  readonly severities?: Readonly<Record<string, Severity | "off">>;
  readonly allowBreaking?: boolean;
  readonly lockTimeout?: string;
  readonly batchSize?: number;
  readonly devUrl?: string;
  readonly cacheDir?: string;
  /** Append what the migrations under test change to this schema changelog (not on BLOCK). */
  readonly changelog?: string;
  /** Clock for the changelog's date. */
  readonly now?: Date;
  /** The dialect of the migrations (default PostgreSQL). */
  readonly dialect?: DialectName;
  /** With SQLite: the oldest version the migrations must run on ("3.35" when absent). */
  readonly sqliteVersion?: string;
}

const RANK: Record<Verdict, number> = { PASS: 0, WARN: 1, BLOCK: 2 };

/**
 * `lockstep check`: the whole gate on one project. Drift (the desired schema against the
 * migrations' end state, planned as `plan` would), lint and verify on the migrations under test,
 * index recommendations on the schema after the deploy, a pre-deploy checklist, one verdict.
 */
export async function check(request: CheckRequest): Promise<CheckResult> {
  const dialect = dialectOf(request);
  await dialect.ready();
  const cwd = request.cwd ?? process.cwd();
  const dir = resolve(cwd, request.migrations);
  const shown = (file: string) => relative(cwd, file) || file;
  const reader = detectFormat(dir);
  const all = reader.read(dir, dialect);
  requireMigrations(dir, all);
  const chosen = chooseUnderTest(all, request, dir);
  const scope = chosen.scope;
  const underTest = all.filter(chosen.pick);
  const testedFiles = new Set(underTest.map((m) => shown(m.up.file)));

  const findings: Finding[] = [];
  // Deploys kept in .lockstep/pending/ are reported, and the drift is planned after them.
  const kept = listPending(request.root ? resolve(cwd, request.root) : cwd);
  const engineOptions = { devUrl: request.devUrl, cacheDir: request.cacheDir };
  const pending = await pendingReports(kept, dir, cwd, engineOptions, dialect);
  findings.push(...pending.map((p, i) => pendingFinding(p, kept[i]!)));
  let verdict: Verdict = "PASS";
  let changes: readonly ChangeReport[] = [];
  let steps: readonly Step[] = [];
  let desired: Schema | undefined;
  if (request.schema) {
    const { plan } = await import("./plan.js");
    const drift = await plan({
      from: shown(dir),
      to: request.schema,
      cwd,
      allowBreaking: request.allowBreaking,
      postgresVersion: request.postgresVersion,
      dialect: request.dialect,
      sqliteVersion: request.sqliteVersion,
      lockTimeout: request.lockTimeout,
      batchSize: request.batchSize,
      devUrl: request.devUrl,
      cacheDir: request.cacheDir,
      applyPending: stepsToCome(kept, pending),
    });
    ({ changes, steps } = drift);
    desired = drift.to;
    verdict = drift.verdict;
    // What the drift's plan still needs goes into the command schema-drift suggests.
    findings.push(...drift.findings.filter((f) => f.rule !== "missing-input"));
    const answers = drift.missing?.flags.length ? ` ${drift.missing.flags.join(" ")}` : "";
    if (drift.changes.length)
      findings.push({
        rule: "schema-drift",
        severity: "warning",
        message: `${request.schema} has ${drift.changes.length} change${drift.changes.length === 1 ? "" : "s"} that no migration makes yet`,
        fix: `lockstep plan --from ${shown(dir)} --to ${request.schema} --out ${shown(dir)} --name <name>${answers}`,
        file: request.schema,
      });
  }

  const linted = await lint({
    paths: [dir],
    cwd,
    postgresVersion: request.postgresVersion,
    dialect: request.dialect,
    sqliteVersion: request.sqliteVersion,
    severities: request.severities,
  });
  // The files the folder's format does not read are listed once, from lint (verify lists them too).
  findings.push(...linted.findings.filter((f) => (f.file && testedFiles.has(f.file)) || f.rule === "unread-file"));
  const verified = await verify({
    dir,
    cwd,
    ...scope,
    rows: request.rows,
    ...(request.dialect ? { dialect: request.dialect } : {}),
    devUrl: request.devUrl,
    cacheDir: request.cacheDir,
    onProgress: request.onProgress,
  });
  // Lint and the trace can name the same hazard on one statement: report it once.
  const unique = oncePerStatement(
    findings,
    verified.findings.filter((f) => f.rule !== "unread-file"),
  );
  findings.splice(0, findings.length, ...unique);

  const replayed =
    !desired || request.changelog ? await replay(all, new Set(underTest), request, shown, dialect) : undefined;
  // Recommendations on the schema as it will be after the deploy: desired when given, else the migrations' end.
  const after = desired ?? replayed!.after;
  const own = verdictOf(findings);
  // The drift plan's own verdict counts too (a WARN for steps that need a code deploy between them).
  const overall = RANK[own] >= RANK[verdict] ? own : verdict;
  let changelog: CheckResult["changelog"];
  if (request.changelog && replayed) {
    const file = resolve(cwd, request.changelog);
    changelog =
      overall === "BLOCK"
        ? { file: shown(file), status: "not appended: the verdict is BLOCK" }
        : {
            file: shown(file),
            status: appendChangelog(file, {
              date: (request.now ?? new Date()).toISOString().slice(0, 10),
              title: underTest.map((m) => shown(m.up.file)).join(", ") || "no migration",
              changes: replayed.shipped,
              rollback: verified.migrations.map((v) =>
                v.down === "missing" ? `${v.file}: no down` : `${v.file}: down verified (round trip ${v.roundTrip})`,
              ),
            }),
          };
  }
  return {
    verdict: overall,
    project: {
      framework: request.framework ?? "sql",
      dialect: "postgresql",
      format: reader.name,
      migrations: shown(dir),
      ...(request.schema ? { schema: request.schema } : {}),
    },
    changes,
    breaking: changes.filter((c) => c.risk === "breaking"),
    steps,
    files: underTest.map((m) => {
      const file = shown(m.up.file);
      const v = verified.migrations.find((x) => x.file === file);
      return { file, checks: ["lint", v ? `verify (round trip ${v.roundTrip})` : "verify (not run)"] };
    }),
    pending,
    selection: chosen.selection,
    verify: verified.migrations,
    indexes: indexRecommendations(after, dialect),
    querySafety: {
      scanned: false,
      note: "not scanned: the application-code scanner (lockstep scan) is not built yet",
    },
    checklist: preDeployChecklist({ steps, migrations: underTest, findings }),
    findings,
    ...(changelog ? { changelog } : {}),
    sources: linted.sources,
  };
}

/**
 * The migrations replayed on the engine, the schema read before and after each one under test:
 * what each of them changes (for the changelog, each change with its migration), and the schema
 * after all of them (for recommendations when no desired schema is given).
 */
async function replay(
  all: readonly MigrationFile[],
  underTest: ReadonlySet<MigrationFile>,
  request: CheckRequest,
  shown: (file: string) => string,
  dialect: Dialect,
): Promise<{ shipped: ShippedChange[]; after: Schema }> {
  const { executeUnits, unitOf, extensionsCreated } = await import("../sources/execute.js");
  const units = all.map((m) => unitOf(m.up));
  const engine = dialect.openEngine({
    devUrl: request.devUrl,
    cacheDir: request.cacheDir,
    extensions: extensionsCreated(units, dialect),
  });
  try {
    const db = await engine.fresh();
    const shipped: ShippedChange[] = [];
    let pending: typeof units = [];
    let schema: Schema | undefined;
    for (const [i, m] of all.entries()) {
      if (!underTest.has(m)) {
        pending.push(units[i]!);
        continue;
      }
      await executeUnits(db, pending, dialect);
      pending = [];
      const before = await dialect.introspect(db);
      await executeUnits(db, [units[i]!], dialect);
      schema = await dialect.introspect(db);
      const migration = shown(m.up.file);
      shipped.push(...shippedChanges(before, schema, dialect).map((c) => ({ ...c, migration })));
    }
    await executeUnits(db, pending, dialect);
    return { shipped, after: pending.length || !schema ? await dialect.introspect(db) : schema };
  } finally {
    await engine.close();
  }
}

/** The changes one migration makes, with their risk as the planner sees it. */
function shippedChanges(before: Schema, after: Schema, dialect: Dialect): readonly ChangeReport[] {
  const options = { ...defaultPlanOptions, dialect, allowBreaking: true };
  return planChanges(diffSchemas(before, after, options.dialect), before, after, options, "changelog").changes;
}

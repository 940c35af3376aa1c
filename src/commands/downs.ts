import { relative, resolve } from "node:path";
import type { Dialect, DialectName } from "../dialects/index.js";
import type { Database } from "../engines/engine.js";
import { dialectOf } from "./dialect-of.js";
import type { FormatReader, MigrationFile } from "../frameworks/framework.js";
import { detectFormat, requireMigrations } from "../frameworks/index.js";
import type { Verdict } from "../schema/verdict.js";
import type { PlanOptions } from "../plan/ops.js";
import type { Finding } from "../schema/finding.js";
import type { Schema } from "../schema/model.js";
import { executeUnits, extensionsCreated, unitOf } from "../sources/execute.js";
import { DEFAULT_ROWS } from "../verify/seed.js";
import { markersOf } from "../verify/markers.js";
import { computeDown } from "../downs/compute.js";
import type { DownReport, Pending } from "../downs/model.js";
import { verifyDowns } from "../downs/verify-downs.js";
import { writeDowns } from "../downs/write-downs.js";

export type { DownReport, DownStatus } from "../downs/model.js";

export interface DownsRequest {
  /** The dialect of the migrations (default PostgreSQL). */
  readonly dialect?: DialectName;
  /** With SQLite: the oldest version the migrations must run on ("3.35" when absent). */
  readonly sqliteVersion?: string;
  /** A migrations folder. */
  readonly dir: string;
  /** Write the verified downs; without it, preview them. */
  readonly write?: boolean;
  /** A down that loses data, or that could not be made, is a BLOCK (exit 1). */
  readonly strict?: boolean;
  /** Rows seeded into every table before each round trip (default 200; 0: none). */
  readonly rows?: number;
  readonly cwd?: string;
  readonly devUrl?: string;
  readonly cacheDir?: string;
  readonly plan?: Partial<Pick<PlanOptions, "postgresVersion" | "lockTimeout">>;
}

export interface DownsResult {
  readonly verdict: Verdict;
  readonly format: string;
  readonly downs: readonly DownReport[];
  readonly findings: readonly Finding[];
}

/**
 * `lockstep downs`: for each migration without a down, the down computed from the schema before
 * and after it (see computeDown), verified on a throwaway database (up, down, up again, rows
 * seeded first: kept, or their loss stated), and written beside it in the format's place when
 * asked. Never overwrites a file (a blank down file keeps its comments and gets the SQL below).
 */
export async function downs(request: DownsRequest): Promise<DownsResult> {
  const cwd = request.cwd ?? process.cwd();
  const dir = resolve(cwd, request.dir);
  const dialect = dialectOf(request, dir);
  await dialect.ready();
  const shown = (file: string) => relative(cwd, file) || file;
  const reader = detectFormat(dir);
  const migrations = reader.read(dir, dialect);
  requireMigrations(dir, migrations);
  const pending = new Map<number, Pending>();
  const reports = new Map<number, DownReport>();
  for (const [i, m] of migrations.entries()) {
    const migration = shown(m.up.file);
    if (m.down && !dialect.isBlank(m.down.text)) {
      reports.set(i, { migration, file: shown(m.down.file), status: "exists", verified: false, sql: m.down.text });
      continue;
    }
    const irreversible = markersOf(m).irreversible;
    if (irreversible?.reason) {
      reports.set(i, { migration, status: "irreversible", verified: false, sql: "", reason: irreversible.reason });
      continue;
    }
    const target = downTarget(reader, m);
    const note = target && reader.downNote ? reader.downNote(m, shown(target)) : [];
    pending.set(i, { m, note, ...(target ? { target } : {}) });
  }

  const findings: Finding[] = [];
  if (pending.size > 0) {
    const ups = migrations.map((m) => unitOf(m.up));
    const engine = dialect.openEngine({
      devUrl: request.devUrl,
      cacheDir: request.cacheDir,
      extensions: extensionsCreated(ups, dialect),
    });
    try {
      const db = await engine.fresh();
      await compute(db, migrations, pending, dialect, request.plan ?? {});
      await db.reset();
      const verified = await verifyDowns(db, migrations, pending, request.rows ?? DEFAULT_ROWS, shown, dialect);
      for (const [i, v] of verified) {
        reports.set(i, v.report);
        findings.push(...v.findings);
      }
    } finally {
      await engine.close();
    }
  }

  const list = migrations.map((_, i) => reports.get(i)!);
  const written = request.write ? writeDowns(dir, list, pending, migrations, shown, dialect) : list;
  for (const d of written)
    if (d.status === "failed" || d.status === "not-writable")
      findings.push({
        rule: "missing-down",
        severity: request.strict ? "error" : "warning",
        message: `${d.migration}: no down ${d.status === "failed" ? "could be made" : "written"}: ${d.reason}`,
        file: d.migration,
        line: 1,
      });
  const short = written.some((d) => d.status === "failed" || d.status === "not-writable" || d.dataLoss?.length);
  return {
    verdict: short ? (request.strict ? "BLOCK" : "WARN") : "PASS",
    format: reader.name,
    downs: written,
    // With --strict, data a down cannot bring back blocks: its finding says so in every format.
    findings: request.strict
      ? findings.map((f) => (f.rule === "lossy-down" ? { ...f, severity: "error" as const } : f))
      : findings,
  };
}

/** Where the down of `m` goes: its existing blank down file, else the format's place for it. */
function downTarget(reader: FormatReader, m: MigrationFile): string | undefined {
  if (m.down) return m.down.file === m.up.file ? undefined : m.down.file;
  return reader.downFile(m);
}

/** Replays the history once, computing the down of each pending migration from the schemas around it. */
async function compute(
  db: Database,
  migrations: readonly MigrationFile[],
  pending: Map<number, Pending>,
  dialect: Dialect,
  plan: DownsRequest["plan"],
): Promise<void> {
  let current: Schema | undefined;
  for (const [i, m] of migrations.entries()) {
    const p = pending.get(i);
    const before = p ? (current ?? (await dialect.introspect(db))) : undefined;
    await executeUnits(db, [unitOf(m.up)], dialect);
    if (!p) {
      current = undefined;
      continue;
    }
    current = await dialect.introspect(db);
    p.down = computeDown(before!, current, dialect, plan);
  }
}

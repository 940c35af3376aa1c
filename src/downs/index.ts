import { readFileSync } from "node:fs";
import { basename, relative, resolve } from "node:path";
import { introspect } from "../dialects/postgres/introspect.js";
import { initParser, isBlank } from "../dialects/postgres/parse.js";
import { type Database, openEngine } from "../engines/index.js";
import type { FormatReader, MigrationFile, PlannedFile, SqlSection } from "../formats/format.js";
import { detectFormat } from "../formats/index.js";
import type { Verdict } from "../plan/model.js";
import type { PlanOptions } from "../plan/ops.js";
import type { Finding } from "../report/finding.js";
import { displayName, type Schema } from "../schema/model.js";
import { executeUnits, extensionsCreated, unitOf } from "../sources/execute.js";
import { InputError } from "../util/errors.js";
import { replaceFileAtomically, writeFilesAtomically } from "../util/write-files.js";
import { markersOf, readMarkerText } from "../verify/markers.js";
import { DEFAULT_ROWS } from "../verify/folder.js";
import { roundTrip } from "../verify/round-trip.js";
import { seedTables } from "../verify/seed.js";
import { type ComputedDown, computeDown } from "./compute.js";
import { appendedTo, downContent } from "./content.js";

export interface DownsRequest {
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

/**
 * What became of one migration's down. `exists`: it has one, left alone (`lockstep verify` checks
 * it); `irreversible`: marked so with a reason; `written` / `would-write`: computed and verified;
 * `not-writable`: computed, but its place is the migration's own file (dbmate), never rewritten;
 * `failed`: none could be made or it did not pass its round trip (`reason` says why).
 */
export type DownStatus = "written" | "would-write" | "exists" | "irreversible" | "not-writable" | "failed";

export interface DownReport {
  /** The migration (its up file), relative to the current folder. */
  readonly migration: string;
  /** Where its down is, or would go. */
  readonly file?: string;
  readonly status: DownStatus;
  /** Ran up, down and up again on the engine, schema and seeded rows checked. */
  readonly verified: boolean;
  /** What the down cannot bring back, per the planner and per the seeded rows. */
  readonly dataLoss?: readonly string[];
  /** The down's text: written, to write, or as it exists. */
  readonly sql: string;
  readonly reason?: string;
}

export interface DownsResult {
  readonly verdict: Verdict;
  readonly format: string;
  readonly downs: readonly DownReport[];
  readonly findings: readonly Finding[];
}

/** Findings of a round trip that are about the down (the up's own lint and locks are not). */
const DOWN_RULES = new Set(["lossy-down", "down-loses-data", "down-differs", "up-again-differs", "migration-fails"]);

interface Pending {
  readonly m: MigrationFile;
  /** Where the down goes; undefined when it cannot be a file of its own. */
  readonly target?: string;
  /** How to run it, where the tool runs no downs itself (see FormatReader.downNote). */
  readonly note: readonly string[];
  down?: ComputedDown;
}

/**
 * `lockstep downs`: for each migration without a down, the down computed from the schema before
 * and after it (see computeDown), verified on a throwaway database (up, down, up again, rows
 * seeded first: kept, or their loss stated), and written beside it in the format's place when
 * asked. Never overwrites a file (a blank down file keeps its comments and gets the SQL below).
 */
export async function downs(request: DownsRequest): Promise<DownsResult> {
  await initParser();
  const cwd = request.cwd ?? process.cwd();
  const dir = resolve(cwd, request.dir);
  const shown = (file: string) => relative(cwd, file) || file;
  const reader = detectFormat(dir);
  const migrations = reader.read(dir);
  if (migrations.length === 0)
    throw new InputError(
      "no migration found (looked for Prisma, diesel, golang-migrate, Flyway, dbmate and plain .sql migrations)",
      shown(dir),
    );
  const pending = new Map<number, Pending>();
  const reports = new Map<number, DownReport>();
  for (const [i, m] of migrations.entries()) {
    const migration = shown(m.up.file);
    if (m.down && !isBlank(m.down.text)) {
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
    const engine = openEngine({
      devUrl: request.devUrl,
      cacheDir: request.cacheDir,
      extensions: extensionsCreated(ups),
    });
    try {
      const db = await engine.fresh();
      await compute(db, migrations, pending, request.plan ?? {});
      await db.reset();
      const verified = await verifyAll(db, migrations, pending, request.rows ?? DEFAULT_ROWS, shown);
      for (const [i, v] of verified) {
        reports.set(i, v.report);
        findings.push(...v.findings);
      }
    } finally {
      await engine.close();
    }
  }

  const list = migrations.map((_, i) => reports.get(i)!);
  const written = request.write ? write(dir, list, pending, migrations, shown) : list;
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
  plan: DownsRequest["plan"],
): Promise<void> {
  let current: Schema | undefined;
  for (const [i, m] of migrations.entries()) {
    const p = pending.get(i);
    const before = p ? (current ?? (await introspect(db))) : undefined;
    await executeUnits(db, [unitOf(m.up)]);
    if (!p) {
      current = undefined;
      continue;
    }
    current = await introspect(db);
    p.down = computeDown(before!, current, plan);
  }
}

/** Replays the history again, each computed down in a round trip on seeded rows, as `verify` runs it. */
async function verifyAll(
  db: Database,
  migrations: readonly MigrationFile[],
  pending: Map<number, Pending>,
  rows: number,
  shown: (file: string) => string,
): Promise<Map<number, { report: DownReport; findings: Finding[] }>> {
  const out = new Map<number, { report: DownReport; findings: Finding[] }>();
  const seeded = new Set<string>();
  let current: Schema | undefined;
  for (const [i, m] of migrations.entries()) {
    const p = pending.get(i);
    const migration = shown(m.up.file);
    const file = p?.target ? shown(p.target) : undefined;
    const base = { migration, ...(file ? { file } : {}) };
    if (!p?.down?.statements.length) {
      await executeUnits(db, [unitOf(m.up)]);
      current = undefined;
      if (p)
        out.set(i, {
          report: { ...base, status: "failed", verified: false, sql: "", reason: p.down?.problem ?? "" },
          findings: [],
        });
      continue;
    }
    const { down, note } = p;
    const content = downContent(basename(p.m.path), down.statements, down.dataLoss, note);
    const section: SqlSection = { text: content, file: p.target ?? m.up.file, startLine: 1, transactional: true };
    current ??= await introspect(db);
    if (rows > 0) {
      const fresh = current.tables.filter((t) => !seeded.has(displayName(t)));
      for (const t of fresh) seeded.add(displayName(t));
      await seedTables(db, current, fresh, rows);
    }
    const findings: Finding[] = [];
    const texts = (f: string) => (f === section.file && p.target ? content : readMarkerText(f));
    const result = await roundTrip(
      { db, findings, shown, checkRows: rows > 0, texts },
      { ...m, down: section },
      current,
    );
    const own = findings.filter((f) => DOWN_RULES.has(f.rule));
    const errors = own.filter((f) => f.severity === "error");
    const verified = errors.length === 0 && result.migration.down === "ok" && result.migration.roundTrip === "equal";
    const dataLoss = [...down.dataLoss, ...(result.migration.dataLoss ?? [])];
    const measuredOnly = down.dataLoss.length === 0 && dataLoss.length > 0;
    // Loss the planner did not foresee but the seeded rows show is said in the file too.
    const sql = measuredOnly ? downContent(basename(p.m.path), down.statements, dataLoss, note) : content;
    const status = !verified ? "failed" : p.target ? "would-write" : "not-writable";
    const reason = !verified
      ? errors.map((f) => f.message).join("; ") || `the round trip ${result.migration.roundTrip}`
      : p.target
        ? undefined
        : m.down
          ? "its place is the migration's own file (dbmate keeps the down under -- migrate:down), and Lockstep never rewrites a migration: paste it there"
          : "the format has no place for this migration's down (a Flyway repeatable migration has no undo)";
    out.set(i, {
      report: {
        ...base,
        status,
        verified,
        ...(dataLoss.length ? { dataLoss } : {}),
        sql,
        ...(reason ? { reason } : {}),
      },
      findings: own,
    });
    if (result.schema) current = result.schema;
    else {
      // A pass failed half way: start again from a clean replay of the history so far.
      await db.reset();
      seeded.clear();
      await executeUnits(
        db,
        migrations.slice(0, i + 1).map((x) => unitOf(x.up)),
      );
      current = undefined;
    }
    for (const [table, print] of result.prints ?? []) if (print.rows === 0) seeded.delete(table);
  }
  return out;
}

/**
 * Writes every verified down: new files all or nothing (never over an existing one); a blank down
 * file gets the down below its comments, if it is still blank when written.
 */
function write(
  dir: string,
  list: readonly DownReport[],
  pending: ReadonlyMap<number, Pending>,
  migrations: readonly MigrationFile[],
  shown: (file: string) => string,
): DownReport[] {
  const fresh: PlannedFile[] = [];
  const blank: { target: string; content: string }[] = [];
  list.forEach((d, i) => {
    const target = pending.get(i)?.target;
    if (d.status !== "would-write" || !target) return;
    if (migrations[i]!.down) blank.push({ target, content: d.sql });
    else fresh.push({ path: relative(dir, target), content: d.sql });
  });
  writeFilesAtomically(dir, fresh);
  for (const b of blank) {
    const existing = readFileSync(b.target, "utf8");
    if (!isBlank(existing))
      throw new InputError("was changed while the downs were computed; not overwritten", shown(b.target));
    replaceFileAtomically(b.target, appendedTo(existing, b.content));
  }
  return list.map((d) => (d.status === "would-write" ? { ...d, status: "written" as const, sql: d.sql } : d));
}

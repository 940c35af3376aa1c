import { relative, resolve } from "node:path";
import type { DialectName } from "../dialects/index.js";
import type { FormatReader, MigrationFile } from "../frameworks/framework.js";
import { detectFormat, requireMigrations } from "../frameworks/index.js";
import { unreadFindings } from "../lint/files.js";
import { dialectOf } from "./dialect-of.js";
import type { Verdict } from "../schema/verdict.js";
import type { Finding } from "../schema/finding.js";
import { verdictOf } from "../schema/verdict.js";
import { displayName, type Schema } from "../schema/model.js";
import { executeUnits, unitOf } from "../sources/execute.js";
import type { NoDownsFormat } from "../verify/markers.js";
import { roundTrip, type VerifiedMigration } from "../verify/round-trip.js";
import { DEFAULT_ROWS, type SeedNote, seedTables } from "../verify/seed.js";
import { selection } from "../verify/selection.js";

export type { VerifiedMigration };

export interface VerifyRequest {
  /** A migrations folder. */
  readonly dir: string;
  /** Verify only the newest N migrations (the earlier ones are replayed); default: every one. */
  readonly last?: number;
  /** `git:REF`: verify only the migrations whose files were added or changed since REF. */
  readonly since?: string;
  /** Rows seeded into every table before a migration under test; 0: no seeding (default 200). */
  readonly rows?: number;
  readonly cwd?: string;
  readonly devUrl?: string;
  readonly cacheDir?: string;
  /** The dialect of the migrations (default PostgreSQL). */
  readonly dialect?: DialectName;
  /** With SQLite: the oldest version the migrations must run on ("3.35" when absent). */
  readonly sqliteVersion?: string;
  /** Called before each migration (replayed or verified), for a progress line. */
  readonly onProgress?: (n: number, total: number, file: string) => void;
}

export interface VerifyResult {
  readonly verdict: Verdict;
  readonly migrations: readonly VerifiedMigration[];
  readonly findings: readonly Finding[];
  /** Rows seeded per table, and the tables left empty with why. */
  readonly seed: { readonly rows: number; readonly tables: number; readonly skipped: readonly SeedNote[] };
}

/**
 * `lockstep verify`: on a throwaway database, every migration under test runs up (traced
 * statement by statement), down (the schema must be as before the up) and up again (as after the
 * first up), with rows seeded in every table beforehand that must still be there where the change
 * is reversible. A missing or empty down is an error (`missing-down`) unless the file is marked
 * `-- lockstep: irreversible <reason>`, or a warning where the format has no downs (Prisma); a down that does not undo its up blocks, naming what differs.
 */
export async function verify(request: VerifyRequest): Promise<VerifyResult> {
  const cwd = request.cwd ?? process.cwd();
  const dir = resolve(cwd, request.dir);
  const dialect = dialectOf(request, dir);
  await dialect.ready();
  const reader = detectFormat(dir);
  const migrations = reader.read(dir, dialect);
  requireMigrations(dir, migrations);
  const underTest = selection(migrations, request, dir);
  const rows = request.rows ?? DEFAULT_ROWS;
  const findings: Finding[] = unreadFindings(reader, dir, migrations, cwd);
  const engine = dialect.openEngine({ devUrl: request.devUrl, cacheDir: request.cacheDir });
  const results: VerifiedMigration[] = [];
  const skipped: SeedNote[] = [];
  const shown = (file: string) => relative(cwd, file) || file;
  // Tables holding seeded rows (or that refused them): seeded once, kept by the migrations after.
  const seeded = new Set<string>();
  let seededTables = 0;
  try {
    const db = await engine.fresh();
    const ctx = { db, dialect, findings, shown, checkRows: rows > 0 };
    const optional = noDownsFormat(reader, shown(dir) || ".");
    let current: Schema | undefined;
    for (const [i, m] of migrations.entries()) {
      request.onProgress?.(i + 1, migrations.length, shown(m.up.file));
      if (!underTest(m, i)) {
        await executeUnits(db, [unitOf(m.up)], dialect);
        current = undefined;
        continue;
      }
      current ??= await dialect.introspect(db);
      if (rows > 0) {
        const fresh = current.tables.filter((t) => !seeded.has(displayName(t)));
        for (const t of fresh) seeded.add(displayName(t));
        const notes = await seedTables(db, current, fresh, rows, dialect);
        skipped.push(...notes);
        seededTables += fresh.length - notes.length;
      }
      const downsOptional = optional(m);
      const result = await roundTrip(downsOptional ? { ...ctx, downsOptional } : ctx, m, current);
      results.push(result.migration);
      if (!result.schema) break;
      current = result.schema;
      // Tables the migration left empty (it created or recreated them) are seeded before the next one.
      for (const [table, print] of result.prints ?? [])
        if (print.rows === 0 && !skipped.some((s) => s.table === table)) seeded.delete(table);
    }
  } finally {
    await engine.close();
  }
  return {
    verdict: verdictOf(findings),
    migrations: results,
    findings,
    seed: { rows, tables: seededTables, skipped },
  };
}

/** Where a missing down is not an error: the format has no downs, or no place for this migration's. */
function noDownsFormat(reader: FormatReader, dir: string): (m: MigrationFile) => NoDownsFormat | undefined {
  return (m) => {
    if (!reader.hasDowns)
      return {
        severity: "warning",
        reason: `the ${reader.name} format has no down migrations`,
        fix: `write them: lockstep downs ${dir} --write (a verified down beside each migration)`,
      };
    if (!m.down && reader.downFile(m) === undefined)
      return { severity: "info", reason: `the ${reader.name} format has no down for this migration` };
    return undefined;
  };
}

import { basename } from "node:path";
import type { Dialect } from "../dialects/dialect.js";
import type { Database } from "../engines/index.js";
import type { MigrationFile, SqlSection } from "../formats/format.js";
import type { Finding } from "../schema/finding.js";
import { displayName, type Schema } from "../schema/model.js";
import { executeUnits, unitOf } from "../sources/execute.js";
import { readMarkerText } from "../verify/markers.js";
import { roundTrip } from "../verify/round-trip.js";
import { seedTables } from "../verify/seed.js";
import { downContent } from "./content.js";
import type { DownReport, Pending } from "./model.js";

/** Findings of a round trip that are about the down (the up's own lint and locks are not). */
const DOWN_RULES = new Set(["lossy-down", "down-loses-data", "down-differs", "up-again-differs", "migration-fails"]);

/** Replays the history again, each computed down in a round trip on seeded rows, as `verify` runs it. */
export async function verifyDowns(
  db: Database,
  migrations: readonly MigrationFile[],
  pending: Map<number, Pending>,
  rows: number,
  shown: (file: string) => string,
  dialect: Dialect,
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
    current ??= await dialect.introspect(db);
    if (rows > 0) {
      const fresh = current.tables.filter((t) => !seeded.has(displayName(t)));
      for (const t of fresh) seeded.add(displayName(t));
      await seedTables(db, current, fresh, rows);
    }
    const findings: Finding[] = [];
    const texts = (f: string) => (f === section.file && p.target ? content : readMarkerText(f));
    const result = await roundTrip(
      { db, dialect, findings, shown, checkRows: rows > 0, texts },
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

import type { Dialect } from "../dialects/dialect.js";
import { describeChange } from "../diff/describe.js";
import { diffSchemas } from "../diff/diff.js";
import type { Database } from "../engines/engine.js";
import type { MigrationFile, SqlSection } from "../frameworks/framework.js";
import { lintSections } from "../lint/run.js";
import type { Finding } from "../schema/finding.js";
import { displayName, type Schema } from "../schema/model.js";
import { executeUnits, statementsOf, unitOf } from "../sources/execute.js";
import { traceMigration } from "../trace/migration.js";
import type { TracedStatement } from "../trace/section.js";
import { InputError } from "../util/errors.js";
import { dataLossFindings } from "./data-loss.js";
import { fingerprint, lossKey, losses, type Prints, type TablePrint } from "./fingerprint.js";
import { declaredLoss, markersOf, type NoDownsFormat, noDownFinding } from "./markers.js";
import { partOf, readBack, tablesIn } from "./read-back.js";

export interface VerifiedMigration {
  readonly file: string;
  readonly up: "ok" | "error";
  readonly down: "ok" | "error" | "missing";
  readonly roundTrip: "equal" | "differs" | "not run";
  /** What differs, one line each, when the round trip does not come back to the same schema. */
  readonly diff?: readonly string[];
  /** Wall time of each pass, in milliseconds. */
  readonly ms: { readonly up: number; readonly down?: number; readonly upAgain?: number };
  /** The first up, statement by statement: locks taken, tables rewritten, duration. */
  readonly statements: readonly TracedStatement[];
  /** Seeded data the migration does not keep: `table` or `table.column`, and what happened to it. */
  readonly dataLoss?: readonly string[];
  /** The reason given by `-- lockstep: irreversible <reason>`. */
  readonly irreversible?: string;
}

/** What a round trip needs from the run: the database, where findings go, how files are shown. */
export interface RoundTripContext {
  readonly db: Database;
  /** The dialect the migrations speak: its lint rules explain the traced statements. */
  readonly dialect: Dialect;
  readonly findings: Finding[];
  readonly shown: (file: string) => string;
  /** False with `--rows 0`: no prints, no data-loss check. */
  readonly checkRows: boolean;
  /** Set where the format has no downs (Prisma): a missing down is then a warning, not an error. */
  readonly downsOptional?: NoDownsFormat;
  /** The text of a file, for its markers: a down not yet written (`lockstep downs`) is read from here. */
  readonly texts?: (file: string) => string;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * One migration under test, on a database at `before`: up (traced statement by statement), down
 * (the schema must be `before` again), up again (the schema after the first up). Only the tables
 * the migration can touch are read back and printed between passes. Returns the schema the
 * database is left at, or none when a pass failed (the run stops there).
 */
export async function roundTrip(
  ctx: RoundTripContext,
  m: MigrationFile,
  before: Schema,
): Promise<{ migration: VerifiedMigration; schema?: Schema; prints?: Prints }> {
  const { db, dialect, findings, shown } = ctx;
  const file = shown(m.up.file);
  const markers = markersOf(m, ctx.texts);
  const down = m.down && !dialect.isBlank(m.down.text) ? m.down : undefined;
  const parsed = [...statementsOf(unitOf(m.up), dialect), ...(down ? statementsOf(unitOf(down), dialect) : [])];
  const touched = dialect.touchedBy(parsed, before);
  const watched = touched ? [...touched.tables] : undefined;
  // Printed: the tables holding rows before, and those new in a state (a rename keeps its rows).
  const printedBefore = ctx.checkRows
    ? await fingerprint(db, tablesIn(before, touched), dialect)
    : new Map<string, TablePrint>();
  const held = new Set([...printedBefore].filter(([, p]) => p.rows > 0).map(([t]) => t));
  const print = (schema: Schema): Promise<Prints> =>
    held.size === 0
      ? Promise.resolve(new Map())
      : fingerprint(
          db,
          tablesIn(schema, touched).filter((t) => held.has(displayName(t)) || !printedBefore.has(displayName(t))),
          dialect,
        );

  let started = performance.now();
  let traced: Awaited<ReturnType<typeof traceMigration>>;
  try {
    // Traced and explained as `lockstep trace` does it (one code path: the same locks, the same findings).
    traced = await traceMigration(db, m.up, lintSections([m.up], { dialect }), dialect, watched);
  } catch (err) {
    located(err, findings, shown);
    return { migration: { file, up: "error", down: "missing", roundTrip: "not run", ms: { up: 0 }, statements: [] } };
  }
  const ms: { up: number; down?: number; upAgain?: number } = { up: round(performance.now() - started) };
  findings.push(...traced.findings.map((f) => ({ ...f, ...(f.file ? { file: shown(f.file) } : {}) })));
  const statements = traced.statements.map((t) => ({ ...t, file: shown(t.file) }));
  const after = await readBack(db, before, touched, dialect);
  const afterUp = await print(after);
  const lostByUp = losses(printedBefore, afterUp);
  const declared = declaredLoss(markers);
  const base = { file, up: "ok" as const, ms, statements };
  const report = (lostByDown: typeof lostByUp) => {
    findings.push(...dataLossFindings(file, lostByUp, lostByDown, declared));
    const all = [
      ...lostByUp.map((l) => `${lossKey(l)}: ${l.what} (up)`),
      ...lostByDown.map((l) => `${lossKey(l)}: ${l.what} (down)`),
    ];
    return all.length ? { dataLoss: all } : {};
  };

  if (!down) {
    const reason = markers.irreversible?.reason;
    findings.push(noDownFinding(file, markers, shown, ctx.downsOptional));
    const migration = { ...base, down: "missing" as const, roundTrip: "not run" as const, ...report([]) };
    return { migration: { ...migration, ...(reason ? { irreversible: reason } : {}) }, schema: after, prints: afterUp };
  }

  started = performance.now();
  if (!(await attempt(db, down, findings, shown, dialect)))
    return { migration: { ...base, down: "error", roundTrip: "not run", ...report([]) } };
  ms.down = round(performance.now() - started);
  const afterDown = await readBack(db, after, touched, dialect);
  const downDiff = diffSchemas(partOf(before, touched), partOf(afterDown, touched), dialect).map(describeChange);
  for (const d of downDiff)
    findings.push({
      rule: "down-differs",
      severity: "error",
      message: `the down of ${file} does not undo its up (before the up → after the down: ${d})`,
      file: shown(down.file),
      line: 1,
    });
  const afterDownPrints = await print(afterDown);

  // The up again can fail on what the down left behind (the index it forgot): the round trip differs.
  started = performance.now();
  const again = await attempt(db, m.up, findings, shown, dialect);
  ms.upAgain = round(performance.now() - started);
  const upAgain = again ? await readBack(db, afterDown, touched, dialect) : undefined;
  const againDiff = upAgain
    ? diffSchemas(partOf(after, touched), partOf(upAgain, touched), dialect).map(describeChange)
    : [];
  for (const d of againDiff)
    findings.push({
      rule: "up-again-differs",
      severity: "error",
      message: `running ${file} again after its down does not give the same schema: ${d}`,
      file,
      line: 1,
    });
  const againPrints = upAgain ? await print(upAgain) : new Map();
  const reported = new Set(lostByUp.map(lossKey));
  const lostByDown = losses(printedBefore, afterDownPrints).filter((l) => !reported.has(lossKey(l)));
  for (const l of lostByDown) reported.add(lossKey(l));
  if (upAgain)
    lostByDown.push(
      ...losses(afterUp, againPrints)
        .filter((l) => !reported.has(lossKey(l)))
        .map((l) => ({ ...l, what: `${l.what} after the down and the up again` })),
    );
  const diff = [...downDiff, ...againDiff];
  const roundTrip = diff.length ? "differs" : again ? "equal" : "not run";
  return {
    migration: { ...base, down: "ok", roundTrip, ...(diff.length ? { diff } : {}), ...report(lostByDown) },
    ...(upAgain ? { schema: upAgain, prints: againPrints } : {}),
  };
}

/** Runs one section; a failure becomes a finding at its location instead of stopping the run. */
async function attempt(
  db: Database,
  section: SqlSection,
  findings: Finding[],
  shown: (f: string) => string,
  dialect: Dialect,
): Promise<boolean> {
  try {
    await executeUnits(db, [unitOf(section)], dialect);
    return true;
  } catch (err) {
    located(err, findings, shown);
    return false;
  }
}

function located(err: unknown, findings: Finding[], shown: (f: string) => string): void {
  if (!(err instanceof InputError)) throw err;
  findings.push({
    rule: "migration-fails",
    severity: "error",
    message: err.reason,
    ...(err.file ? { file: shown(err.file) } : {}),
    ...(err.line ? { line: err.line } : {}),
    ...(err.column ? { column: err.column } : {}),
  });
}

import { resolve, relative } from "node:path";
import { introspect } from "../dialects/postgres/introspect.js";
import { initParser, isBlank } from "../dialects/postgres/parse.js";
import { describeChange } from "../diff/describe.js";
import { diffSchemas } from "../diff/diff.js";
import { openEngine } from "../engines/index.js";
import type { Database } from "../engines/engine.js";
import type { MigrationFile, SqlSection } from "../formats/format.js";
import { detectFormat } from "../formats/index.js";
import type { Verdict } from "../plan/model.js";
import type { Finding } from "../report/finding.js";
import { verdictOf } from "../report/verdict.js";
import type { Schema } from "../schema/model.js";
import { executeUnits, unitOf } from "../sources/execute.js";
import { InputError } from "../util/errors.js";

export interface VerifyRequest {
  /** A migrations folder. */
  readonly dir: string;
  /** Verify only the newest N migrations (the earlier ones are replayed); default: every one. */
  readonly last?: number;
  readonly cwd?: string;
  readonly devUrl?: string;
  readonly cacheDir?: string;
}

export interface VerifiedMigration {
  readonly file: string;
  readonly up: "ok" | "error";
  readonly down: "ok" | "error" | "missing";
  readonly roundTrip: "equal" | "differs" | "not run";
  /** What differs, one line each, when the round trip does not come back to the same schema. */
  readonly diff?: readonly string[];
}

export interface VerifyResult {
  readonly verdict: Verdict;
  readonly migrations: readonly VerifiedMigration[];
  readonly findings: readonly Finding[];
}

/**
 * `lockstep verify`: on a throwaway database, every migration under test runs up, down (the schema
 * must be as before the up) and up again (as after the first up). A missing or empty down is an
 * error (`missing-down`); a down that does not undo its up blocks, naming what differs.
 */
export async function verify(request: VerifyRequest): Promise<VerifyResult> {
  await initParser();
  const cwd = request.cwd ?? process.cwd();
  const dir = resolve(cwd, request.dir);
  const migrations = detectFormat(dir).read(dir);
  const under = request.last === undefined ? 0 : Math.max(0, migrations.length - request.last);
  const engine = openEngine({ devUrl: request.devUrl, cacheDir: request.cacheDir });
  const findings: Finding[] = [];
  const results: VerifiedMigration[] = [];
  const shown = (file: string) => relative(cwd, file) || file;
  try {
    const db = await engine.fresh();
    let before: Schema | undefined;
    for (const [i, m] of migrations.entries()) {
      if (i < under) {
        await run(db, m.up);
        continue;
      }
      before ??= await introspect(db);
      const result = await roundTrip(db, m, before, shown, findings);
      results.push(result.migration);
      before = result.after;
      if (!result.after) break;
    }
  } finally {
    await engine.close();
  }
  return { verdict: verdictOf(findings), migrations: results, findings };
}

async function run(db: Database, section: SqlSection): Promise<void> {
  await executeUnits(db, [unitOf(section)]);
}

/** Runs one section; a failure becomes a finding at its location instead of stopping the run. */
async function attempt(
  db: Database,
  section: SqlSection,
  findings: Finding[],
  shown: (f: string) => string,
): Promise<boolean> {
  try {
    await run(db, section);
    return true;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    findings.push({
      rule: "migration-fails",
      severity: "error",
      message: err.reason,
      file: shown(section.file),
      ...(err.line ? { line: err.line } : {}),
      ...(err.column ? { column: err.column } : {}),
    });
    return false;
  }
}

async function roundTrip(
  db: Database,
  m: MigrationFile,
  before: Schema,
  shown: (f: string) => string,
  findings: Finding[],
): Promise<{ migration: VerifiedMigration; after?: Schema }> {
  const file = shown(m.up.file);
  if (!(await attempt(db, m.up, findings, shown)))
    return { migration: { file, up: "error", down: "missing", roundTrip: "not run" } };
  const after = await introspect(db);
  if (!m.down || isBlank(m.down.text)) {
    findings.push({
      rule: "missing-down",
      severity: "error",
      message: `${file} has no down: it cannot be rolled back`,
      file,
      line: 1,
    });
    return { migration: { file, up: "ok", down: "missing", roundTrip: "not run" }, after };
  }
  if (!(await attempt(db, m.down, findings, shown)))
    return { migration: { file, up: "ok", down: "error", roundTrip: "not run" } };
  const afterDown = diffSchemas(before, await introspect(db)).map(describeChange);
  for (const d of afterDown)
    findings.push({
      rule: "down-differs",
      severity: "error",
      message: `the down of ${file} does not undo its up (before the up → after the down: ${d})`,
      file: shown(m.down.file),
      line: 1,
    });
  // The up again can fail on what the down left behind (the index it forgot): the round trip differs.
  if (!(await attempt(db, m.up, findings, shown)))
    return {
      migration: {
        file,
        up: "ok",
        down: "ok",
        roundTrip: afterDown.length ? "differs" : "not run",
        ...(afterDown.length ? { diff: afterDown } : {}),
      },
    };
  const upAgain = diffSchemas(after, await introspect(db)).map(describeChange);
  for (const d of upAgain)
    findings.push({
      rule: "up-again-differs",
      severity: "error",
      message: `running ${file} again after its down does not give the same schema: ${d}`,
      file,
      line: 1,
    });
  const diff = [...afterDown, ...upAgain];
  return {
    migration: {
      file,
      up: "ok",
      down: "ok",
      roundTrip: diff.length ? "differs" : "equal",
      ...(diff.length ? { diff } : {}),
    },
    after,
  };
}

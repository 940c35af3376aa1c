import type { Dialect } from "../dialects/dialect.js";
import type { Database } from "../engines/engine.js";
import { isDir } from "../frameworks/shared/files.js";
import { detectFormat } from "../frameworks/index.js";
import type { Schema } from "../schema/model.js";
import { executeUnits, type SqlUnit, unitOf } from "../sources/execute.js";
import { schemaPrint, type SchemaPrint } from "../schema/schema-print.js";
import { runSteps } from "./self-check.js";
import type { Step } from "../plan/model.js";

/** The ups of the migrations folder `dir`, in order (a folder not made yet is an empty history). */
export function folderUnits(dir: string, dialect: Dialect): SqlUnit[] {
  return (isDir(dir) ? detectFormat(dir).read(dir, dialect) : []).map((m) => unitOf(m.up));
}

/** Replays the migrations folder `dir` on `db`, and reads the schema back. */
export async function replayFolder(db: Database, dir: string, dialect: Dialect): Promise<Schema> {
  await executeUnits(db, folderUnits(dir, dialect), dialect);
  return dialect.introspect(db);
}

/**
 * Runs each deploy's steps up on `db`, in order, and prints the schema after each: what the
 * migrations folder must build before the deploy after it is written. A step that fails is an
 * Error naming it (the plan's self-check ran the same steps, so this means a bug or a folder that
 * does not hold the current schema).
 */
export async function printsAfterDeploys(
  db: Database,
  deploys: readonly (readonly Step[])[],
  dialect: Dialect,
): Promise<SchemaPrint[]> {
  const prints: SchemaPrint[] = [];
  for (const steps of deploys) {
    await runSteps(db, steps, "up");
    prints.push(schemaPrint(await dialect.introspect(db)));
  }
  return prints;
}

import { existsSync, rmdirSync, rmSync } from "node:fs";
import * as path from "node:path";
import type { Dialect } from "../dialects/dialect.js";
import type { Engine } from "../engines/engine.js";
import type { FormatName } from "../frameworks/framework.js";
import { InputError } from "../util/errors.js";
import { writeFilesAtomically } from "../util/write-files.js";
import type { Step } from "../plan/model.js";
import { PENDING_DIR, type PendingPlan, pendingFiles } from "../plan/pending.js";
import { printsAfterDeploys, replayFolder } from "../verify/pending-prints.js";
import { StepError } from "../verify/self-check.js";

export interface KeepRequest {
  readonly engine: Engine;
  readonly dialect: Dialect;
  /** The migrations folder, absolute. */
  readonly out: string;
  /** The project root: `.lockstep/pending/` goes there. */
  readonly root: string;
  readonly format: FormatName;
  readonly name: string;
  /** Every deploy of the plan, the first one included. */
  readonly deploys: readonly (readonly Step[])[];
  readonly now: Date;
}

/**
 * The manifest of a plan's later deploys: the folder is replayed on a fresh database, then each
 * deploy runs up and the schema after it is printed, so `plan --next` can tell that the folder
 * still builds what the next deploy was verified against.
 */
export async function laterDeploys(request: KeepRequest): Promise<PendingPlan> {
  const db = await request.engine.fresh();
  let prints;
  try {
    await replayFolder(db, request.out, request.dialect);
    prints = await printsAfterDeploys(db, request.deploys, request.dialect);
  } catch (err) {
    if (!(err instanceof StepError)) throw err;
    throw new InputError(
      `the plan spans ${request.deploys.length} deploys, kept against the migrations folder, which does not build the schema planned from (${err.message}); plan --from that folder`,
      request.out,
    );
  }
  const migrations = path.relative(request.root, request.out).split(path.sep).join("/") || ".";
  return {
    lockstep: 1,
    name: request.name,
    created: request.now.toISOString(),
    format: request.format,
    migrations,
    deploys: request.deploys.length,
    steps: request.deploys.reduce((n, d) => n + d.length, 0),
    expected: prints[0]!,
    remaining: request.deploys.slice(1).map((steps, i) => ({ deploy: i + 2, steps, after: prints[i + 1]! })),
  };
}

/** Where a plan's later deploys go; an InputError when a pending plan of that name is there already. */
export function pendingDirFor(root: string, name: string, cwd: string): string {
  const dir = path.join(root, PENDING_DIR, name);
  if (existsSync(dir))
    throw new InputError(
      "a pending plan of this name is already kept here: run lockstep plan --next, or remove it and plan again",
      path.relative(cwd, dir),
    );
  return dir;
}

/** Writes the plan's folder; on failure removes `written` (the first deploy's files) too: all or nothing. */
export function writePending(dir: string, plan: PendingPlan, written: readonly string[]): void {
  try {
    writeFilesAtomically(dir, pendingFiles(plan));
  } catch (err) {
    removeWritten(written);
    throw err;
  }
}

/** Removes files just written, and the folders they made (Prisma's, diesel's) when nothing else is in them. */
export function removeWritten(written: readonly string[]): void {
  for (const file of written) rmSync(file, { force: true });
  for (const folder of new Set(written.map((f) => path.dirname(f)))) rmdirQuietly(folder);
}

function rmdirQuietly(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty, or gone: it stays as it is.
  }
}

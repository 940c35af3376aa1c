import { relative, resolve } from "node:path";
import type { DialectName } from "../dialects/index.js";
import { dialectOf } from "./dialect-of.js";
import { isDir } from "../frameworks/shared/files.js";
import { writers } from "../frameworks/index.js";
import type { Finding } from "../schema/finding.js";
import { verdictOf } from "../schema/verdict.js";
import { extensionsCreated } from "../sources/execute.js";
import { InputError } from "../util/errors.js";
import { writeFilesAtomically } from "../util/write-files.js";
import { printDifferences, schemaPrint } from "../schema/schema-print.js";
import { removeWritten } from "./keep-pending.js";
import {
  type FoundPending,
  listPending,
  PENDING_DIR,
  type PendingPlan,
  updatePending,
  withRecords,
} from "../plan/pending.js";
import { folderUnits, replayFolder } from "../verify/pending-prints.js";
import { runSteps, StepError } from "../verify/self-check.js";
import type { PlanResult } from "../plan/result.js";

export interface NextRequest {
  /** The dialect of the migrations (default PostgreSQL). */
  readonly dialect?: DialectName;
  /** The project folder holding `.lockstep/pending/` (default: `cwd`). */
  readonly project?: string;
  readonly cwd?: string;
  /** Which pending plan, when several are kept. */
  readonly name?: string;
  readonly devUrl?: string;
  readonly cacheDir?: string;
  readonly now?: Date;
}

/**
 * `lockstep plan --next`: the next deploy of a plan kept in `.lockstep/pending/`, written into the
 * migrations folder in the project's format. First the folder is replayed and its schema compared
 * with the print the plan recorded: if anything changed since (a migration added, edited or
 * removed), nothing is written and the result BLOCKs naming what differs. Then the deploy runs up
 * (the schema must be the one recorded after it) and down (back to the folder's) on the engine
 * before its files are written, and the pending folder is updated, or removed after the last deploy.
 */
export async function planNext(request: NextRequest): Promise<PlanResult> {
  const dialect = dialectOf(request);
  await dialect.ready();
  const cwd = request.cwd ?? process.cwd();
  const shown = (p: string) => relative(cwd, p) || ".";
  const root = resolve(cwd, request.project ?? ".");
  const { dir: pendingDir, plan } = choose(listPending(root), request.name, shown(resolve(root, PENDING_DIR)));
  const kept = plan.remaining[0]!;
  const next = { ...kept, steps: kept.steps.map((s) => withRecords(s, dialect)) };
  const migrations = resolve(root, plan.migrations);
  if (!isDir(migrations))
    throw new InputError(`the migrations folder of pending plan ${plan.name} is gone`, shown(migrations));
  const units = folderUnits(migrations, dialect);
  const engine = dialect.openEngine({
    devUrl: request.devUrl,
    cacheDir: request.cacheDir,
    extensions: extensionsCreated(units, dialect),
  });
  const findings: Finding[] = [];
  const label = `${shown(pendingDir)} (deploy ${next.deploy} of ${plan.deploys})`;
  try {
    const db = await engine.fresh();
    const from = await replayFolder(db, migrations, dialect);
    const changed = printDifferences(plan.expected, schemaPrint(from));
    let to = from;
    if (changed.length) {
      findings.push({
        rule: "pending-changed",
        severity: "error",
        message: `${shown(migrations)} no longer builds the schema ${plan.name} was planned for: ${changed.join("; ")}. Nothing written`,
        fix: `delete ${shown(pendingDir)} and plan again from the model`,
        file: shown(migrations),
      });
    } else {
      try {
        await runSteps(db, next.steps, "up");
        to = await dialect.introspect(db);
        const afterUp = printDifferences(next.after, schemaPrint(to));
        await runSteps(db, next.steps, "down");
        const afterDown = printDifferences(plan.expected, schemaPrint(await dialect.introspect(db)));
        for (const d of afterUp) findings.push(selfCheck(`after up, ${d} (not as planned)`));
        for (const d of afterDown) findings.push(selfCheck(`after down, ${d} (not as before)`));
      } catch (err) {
        if (!(err instanceof StepError)) throw err;
        findings.push(selfCheck(err.message));
      }
    }
    const verdict = verdictOf(findings);
    const rest: PendingPlan | undefined =
      plan.remaining.length > 1 ? { ...plan, expected: next.after, remaining: plan.remaining.slice(1) } : undefined;
    let files: string[] = [];
    if (verdict !== "BLOCK") {
      const first = plan.steps - plan.remaining.reduce((n, d) => n + d.steps.length, 0);
      const toWrite = writers[plan.format]!.plan(
        {
          steps: next.steps,
          name: plan.name,
          dir: migrations,
          now: request.now ?? new Date(),
          part: { first, of: plan.steps, deploy: next.deploy, deploys: plan.deploys },
        },
        dialect,
      );
      files = writeFilesAtomically(migrations, toWrite);
      try {
        updatePending(pendingDir, rest);
      } catch (err) {
        removeWritten(files);
        throw err;
      }
      findings.push({
        rule: "pending-deploys",
        severity: "info",
        message: rest
          ? `deploy ${next.deploy} of ${plan.deploys} written into ${shown(migrations)}; ${rest.remaining.length} more kept in ${shown(pendingDir)}`
          : `deploy ${next.deploy} of ${plan.deploys}, the last, written into ${shown(migrations)}; ${shown(pendingDir)} removed`,
      });
    }
    return {
      verdict,
      changes: [],
      steps: next.steps,
      files,
      findings,
      diff: [],
      from,
      to,
      sources: { from: `${shown(migrations)} (${plan.format})`, to: label },
      deploys: plan.deploys,
      deploysRemaining: plan.remaining.length - (verdict === "BLOCK" ? 0 : 1),
      ...(verdict === "BLOCK" || rest ? { pending: shown(pendingDir) } : {}),
    };
  } finally {
    await engine.close();
  }
}

function selfCheck(message: string): Finding {
  return { rule: "self-check", severity: "error", message };
}

/** The pending plan asked for (`--name`), or the only one; an InputError otherwise, saying what is there. */
function choose(found: readonly FoundPending[], name: string | undefined, where: string): FoundPending {
  if (found.length === 0)
    throw new InputError(
      `nothing pending: no plan kept in ${where}. plan --next writes the next deploy of a plan that spans several deploys, once the one before is applied`,
    );
  const names = found.map((f) => f.plan.name).join(", ");
  if (name !== undefined) {
    const hit = found.find((f) => f.plan.name === name);
    if (!hit) throw new InputError(`--name ${name}: no such pending plan in ${where} (pending: ${names})`);
    return hit;
  }
  if (found.length > 1) throw new InputError(`several plans are pending in ${where} (${names}): pass --name NAME`);
  return found[0]!;
}

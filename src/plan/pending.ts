/**
 * `.lockstep/pending/<plan>/`: the deploys of a plan that are not in the migrations folder yet.
 * Runners apply every pending migration at once, so a plan that spans deploys writes only its
 * first deploy into the folder; the rest is kept here, under version control, as verified SQL with
 * the print of the schema each deploy expects, until `lockstep plan --next` writes the next one.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Dialect } from "../dialects/dialect.js";
import type { FormatName, PlannedFile } from "../frameworks/framework.js";
import { readers } from "../frameworks/index.js";
import { InputError } from "../util/errors.js";
import type { SchemaPrint } from "../schema/schema-print.js";
import type { Step } from "./model.js";

export const PENDING_DIR = ".lockstep/pending";
export const MANIFEST = "plan.json";
export const PENDING_README = "README.md";
const VERSION = 1;

export interface PendingDeploy {
  /** Its number in the plan, 1-based. */
  readonly deploy: number;
  readonly steps: readonly Step[];
  /** The schema once this deploy is applied. */
  readonly after: SchemaPrint;
}

/** The manifest, `plan.json`. */
export interface PendingPlan {
  readonly lockstep: typeof VERSION;
  readonly name: string;
  /** When the plan was made (ISO 8601). */
  readonly created: string;
  /** The writer format of the migrations folder. */
  readonly format: FormatName;
  /** The migrations folder, relative to the project root (the folder holding `.lockstep`), with `/`. */
  readonly migrations: string;
  /** Deploys in the whole plan, and steps, for numbering. */
  readonly deploys: number;
  readonly steps: number;
  /** The schema the migrations folder must build before the next deploy is written. */
  readonly expected: SchemaPrint;
  readonly remaining: readonly PendingDeploy[];
}

export interface FoundPending {
  /** The plan's folder, absolute. */
  readonly dir: string;
  readonly plan: PendingPlan;
}

/** The pending plans under `root`, oldest first; a manifest that cannot be read is an InputError. */
export function listPending(root: string): FoundPending[] {
  const base = path.join(root, PENDING_DIR);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(base, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(base, e.name, MANIFEST)))
    .map((e) => ({ dir: path.join(base, e.name), plan: readManifest(path.join(base, e.name, MANIFEST)) }))
    .sort((a, b) => (a.plan.created < b.plan.created ? -1 : a.plan.created > b.plan.created ? 1 : 0));
}

function readManifest(file: string): PendingPlan {
  let data: Partial<PendingPlan>;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<PendingPlan>;
  } catch (err) {
    throw new InputError(`not a Lockstep pending plan: ${(err as Error).message}`, file);
  }
  const ok =
    data.lockstep === VERSION &&
    typeof data.name === "string" &&
    typeof data.migrations === "string" &&
    typeof data.format === "string" &&
    data.format in readers &&
    typeof data.expected?.hash === "string" &&
    Array.isArray(data.remaining) &&
    data.remaining.every((d) => Array.isArray(d?.steps) && typeof d?.after?.hash === "string");
  if (!ok)
    throw new InputError(
      `not a Lockstep pending plan (version ${VERSION}: name, format, migrations, expected, remaining)`,
      file,
    );
  return data as PendingPlan;
}

/**
 * The step with its statement records: a manifest written by a Lockstep older than the records
 * keeps SQL text only, and the dialect makes them from it.
 */
export function withRecords(step: Step, dialect: Dialect): Step {
  if (step.statements) return step;
  const records = (sqls: readonly string[]) => sqls.map((sql) => dialect.plannedStatement(sql));
  return { ...step, statements: { up: records(step.up), down: records(step.down) } };
}

/** The files of a plan's folder: the manifest and a README for people, relative to that folder. */
export function pendingFiles(plan: PendingPlan): PlannedFile[] {
  return [
    { path: MANIFEST, content: `${JSON.stringify(plan, null, 2)}\n` },
    { path: PENDING_README, content: pendingReadme(plan) },
  ];
}

/** `deploy 2`, `deploys 2–3`. */
export function deployRange(plan: PendingPlan): string {
  const first = plan.remaining[0]?.deploy ?? plan.deploys;
  const last = plan.remaining.at(-1)?.deploy ?? plan.deploys;
  return first === last ? `deploy ${first}` : `deploys ${first}–${last}`;
}

function pendingReadme(plan: PendingPlan): string {
  const applied = (plan.remaining[0]?.deploy ?? plan.deploys) - 1;
  const out = [
    `# Pending deploys of \`${plan.name}\``,
    "",
    `Lockstep planned \`${plan.name}\` as ${plan.deploys} deploys. Migration runners apply every pending`,
    `migration at once, so only one deploy at a time goes into \`${plan.migrations}\`: deploy ${applied}`,
    `is there; ${deployRange(plan)} wait here, verified, under version control. Do not edit these files.`,
    "",
    `Once deploy ${applied} is applied in production (and the code it asks for is live), run`,
    "`lockstep plan --next` from the project root: it checks that the migrations folder still builds",
    "the schema this plan expects, writes the next deploy's migrations into it and updates this folder",
    "(removing it after the last deploy). If the folder changed meanwhile, it writes nothing and says",
    "what changed: delete this folder and plan again.",
    "",
  ];
  for (const d of plan.remaining) {
    out.push(`## Deploy ${d.deploy} of ${plan.deploys}`, "");
    for (const s of d.steps) {
      out.push(`### ${s.name} (${s.phase}, ${s.transactional ? "in a transaction" : "outside a transaction"})`, "");
      out.push(`Before it: ${s.deploy}`, "");
      if (s.dataLoss) out.push(`Data loss: ${s.dataLoss}`, "");
      out.push("```sql", ...s.up.map((q) => `${q};`), "```", "");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/**
 * Replaces a pending plan's files with `plan`'s (or removes its folder when nothing remains):
 * each file written beside, then renamed over, so a reader sees the old manifest or the new one.
 * Empty `.lockstep/pending` and `.lockstep` folders are removed with the last plan.
 */
export function updatePending(dir: string, plan: PendingPlan | undefined): void {
  if (!plan) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const parent of [path.dirname(dir), path.dirname(path.dirname(dir))]) {
      try {
        fs.rmdirSync(parent);
      } catch {
        break;
      }
    }
    return;
  }
  for (const file of pendingFiles(plan)) {
    const target = path.join(dir, file.path);
    const temp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temp, file.content);
    fs.renameSync(temp, target);
  }
}

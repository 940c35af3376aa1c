import type { Dialect } from "../dialects/dialect.js";
import type { Schema } from "../schema/model.js";
import { confirmationsFor } from "./confirmations.js";
import type { Phase, PlannedStatement, Step } from "./model.js";
import { NON_TRANSACTIONAL, type Op, type PlanOptions, STAGE_ORDER, type Stage } from "./ops.js";

/**
 * Ops → steps. Each stage is one transactional step (its ops ordered by rank), except the
 * stages whose ops must run alone outside a transaction: one step each. Downs are the reverses in
 * reverse order. A step whose statements take heavy locks on existing tables starts with a
 * lock_timeout, so it fails fast instead of queueing every query behind it.
 */
const LABEL: Record<Stage, string> = {
  enum: "enum_value",
  main: "schema",
  concurrent: "concurrent",
  validate: "validate",
  attach: "attach_constraints",
  "attach-validate": "validate_foreign_keys",
  backfill: "backfill",
  "contract-check": "require_not_null",
  "contract-validate": "validate_not_null",
  contract: "contract",
};

/** `from`, the schema before the plan, lets the confirmations see what the linter will (see confirmationsFor). */
export function assembleSteps(ops: readonly Op[], options: PlanOptions, baseName: string, from?: Schema): Step[] {
  const later = ops.some((o) => o.stage === "backfill" || o.stage.startsWith("contract"));
  const phaseOf = (stage: Stage): Phase =>
    stage === "backfill" ? "backfill" : stage.startsWith("contract") ? "contract" : later ? "expand" : "single";
  const steps: Omit<Step, "name">[] = [];
  const labels: string[] = [];
  for (const stage of STAGE_ORDER) {
    const inStage = ops.filter((o) => o.stage === stage).sort((a, b) => a.rank - b.rank);
    if (inStage.length === 0) continue;
    const alone = NON_TRANSACTIONAL.has(stage) || stage === "enum";
    const groups = alone ? inStage.map((o) => [o]) : inBatches(inStage, options.dialect.statementsPerTransaction);
    for (const group of groups) {
      const transactional = !NON_TRANSACTIONAL.has(stage) && options.dialect.stageInTransaction(stage, options);
      const up = group.flatMap((o) => o.up);
      const down = [...group].reverse().flatMap((o) => o.down);
      const deploy = unique(group.map((o) => o.deploy)).join(" ") || options.dialect.deployNote(stage);
      const dataLoss = unique(group.map((o) => o.dataLoss)).join("; ");
      const timeout = (statements: PlannedStatement[]) =>
        transactional ? withLockTimeout(statements, options.lockTimeout, options.dialect) : statements;
      const finalUp = timeout(up);
      const finalDown = timeout(down);
      // The lock_timeout, when prepended, confirms nothing.
      const reasons = [
        ...Array<undefined>(finalUp.length - up.length).fill(undefined),
        ...group.flatMap((o) => o.up.map(() => o.confirmed)),
      ];
      const context = {
        postgresVersion: options.postgresVersion,
        dialect: options.dialect,
        ...(from ? { schema: from } : {}),
      };
      const confirmations = confirmationsFor(sqlOf(finalUp), reasons, transactional, context);
      const around = aroundOf(group);
      if (around) {
        steps.push(aloneStep(phaseOf(stage), around.before, around.after, deploy));
        labels.push(`${around.label}_before`);
      }
      steps.push({
        phase: phaseOf(stage),
        transactional,
        up: sqlOf(finalUp),
        down: sqlOf(finalDown),
        deploy,
        ...(dataLoss ? { dataLoss } : {}),
        ...(confirmations.length ? { confirmations } : {}),
        statements: { up: finalUp, down: finalDown },
      });
      const batch = groups.length > 1 ? `_${groups.indexOf(group) + 1}_of_${groups.length}` : "";
      labels.push(alone && group[0]!.label ? group[0]!.label : `${LABEL[stage]}${batch}`);
      if (around) {
        steps.push(aloneStep(phaseOf(stage), around.after, around.before, deploy));
        labels.push(`${around.label}_after`);
      }
    }
  }
  const width = String(steps.length).length;
  return steps.map((s, i) => ({
    name: `${baseName}_${String(i + 1).padStart(width, "0")}_${labels[i]}`,
    ...s,
  }));
}

/**
 * A stage's ops (in rank order) cut into consecutive batches of at most `limit` statements (the
 * dialect's statementsPerTransaction), an op never split: one transaction holds every lock it
 * takes until it commits, and a step creating 2,000 tables would run out of the server's lock
 * table. Consecutive batches keep the order, so each statement still finds what it needs.
 */
function inBatches(ops: readonly Op[], limit: number): Op[][] {
  const batches: Op[][] = [];
  let batch: Op[] = [];
  let size = 0;
  for (const op of ops) {
    if (batch.length > 0 && size + op.up.length > limit) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(op);
    size += op.up.length;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** The ops' setting outside the step's transaction (see Op.around): the first one, as all say the same. */
function aroundOf(ops: readonly Op[]): Op["around"] {
  return ops.find((o) => o.around)?.around;
}

/** A step of one statement outside a transaction, `down` its reverse. */
function aloneStep(phase: Phase, up: PlannedStatement, down: PlannedStatement, deploy: string): Omit<Step, "name"> {
  return {
    phase,
    transactional: false,
    up: [up.sql],
    down: [down.sql],
    deploy,
    statements: { up: [up], down: [down] },
  };
}

function unique(items: readonly (string | undefined)[]): string[] {
  return [...new Set(items.filter((x): x is string => !!x))];
}

const sqlOf = (statements: readonly PlannedStatement[]): string[] => statements.map((s) => s.sql);

/** Prepends the dialect's lock timeout when a statement locks a table the step did not create. */
export function withLockTimeout(
  statements: readonly PlannedStatement[],
  timeout: string,
  dialect: Dialect,
): PlannedStatement[] {
  const created = new Set<string>();
  let heavy = false;
  for (const statement of statements) {
    for (const t of statement.creates) created.add(t);
    if (statement.queues.some((t) => !created.has(t))) heavy = true;
  }
  return heavy ? [dialect.lockTimeout(timeout), ...statements] : [...statements];
}

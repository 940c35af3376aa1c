import { createHash } from "node:crypto";
import { relative } from "node:path";
import { sqlBody } from "../frameworks/shared/render.js";
import type { Finding } from "../schema/finding.js";
import type { Source } from "../sources/index.js";
import type { Step } from "./model.js";
import { deployRange, listPending } from "./pending.js";

/**
 * `source` with planned steps run after its own SQL, as the runner will run them: the schema once
 * the pending deploys are applied. Its cache key changes with the steps.
 */
export function withPendingSteps(source: Source, steps: readonly Step[]): Source {
  if (steps.length === 0 || !source.units) return source;
  const units = steps.map((step) => ({
    text: sqlBody(step.up, step, "up"),
    origin: { file: `.lockstep/pending (${step.name})` },
    mode: step.transactional ? ("transaction" as const) : ("autocommit" as const),
  }));
  const key = createHash("sha256")
    .update(`${source.cacheKey ?? source.label}\n${JSON.stringify(steps)}`)
    .digest("hex");
  return {
    ...source,
    label: `${source.label} + ${steps.length} pending step${steps.length === 1 ? "" : "s"}`,
    units: [...source.units, ...units],
    ...(source.cacheKey ? { cacheKey: key } : {}),
  };
}

/**
 * A new plan in a project that keeps another's later deploys would plan their changes again and
 * break the print they expect: an error when it would write files, a warning for a preview.
 */
export function pendingConflicts(root: string, cwd: string, writing: boolean): Finding[] {
  return listPending(root).map(({ dir, plan }) => ({
    rule: "pending-deploys",
    severity: writing ? "error" : "warning",
    message: `${plan.name} keeps ${deployRange(plan)} of ${plan.deploys} in ${relative(cwd, dir) || "."}: this plan would make its changes again`,
    fix: `run lockstep plan --next to write its next deploy, or delete ${relative(cwd, dir) || "."} to plan again from the model`,
    file: relative(cwd, dir) || ".",
  }));
}

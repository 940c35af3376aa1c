import type { Dialect } from "../dialects/dialect.js";
import { lintSections } from "../lint/run.js";
import type { Schema } from "../schema/model.js";
import type { Confirmation } from "./model.js";
import type { PlanOptions, Recipe } from "./ops.js";

/**
 * The reason the markers of a confirmed breaking change give: how it was confirmed. A rename
 * names its `--rename`, so the reader sees which drop is the old half of a rename.
 */
export function confirmationReason(recipe: Recipe, options: PlanOptions): string {
  const prompt = options.confirmedBy === "prompt";
  const rename =
    recipe.kind === "rename_column" && recipe.column && recipe.object
      ? `${recipe.table}.${recipe.column}=${recipe.object}`
      : recipe.kind === "rename_table" && recipe.object
        ? `${recipe.table}=${recipe.object}`
        : undefined;
  if (rename)
    return `confirmed at plan time (${prompt ? `at the prompt: rename ${rename}` : `--rename ${rename} --allow-breaking`})`;
  return `confirmed at plan time (${prompt ? "at the prompt" : "--allow-breaking"})`;
}

/**
 * The markers a step's up needs: the linter runs on the step as its file will hold it, and each
 * error it reports on a statement a confirmed change wrote (`reasons[i]` set) becomes a marker
 * naming exactly that rule and object, so `lint` and `check` accept the file as written. Errors
 * on statements no confirmed change wrote get no marker: they still block. The dialect lints.
 */
export function confirmationsFor(
  up: readonly string[],
  reasons: readonly (string | undefined)[],
  transactional: boolean,
  context: { postgresVersion: number; schema?: Schema; dialect?: Dialect },
): Confirmation[] {
  // Without the dialect there is no linter to ask: a plan that is not written (questions, a changelog) needs no markers.
  const { dialect } = context;
  if (!dialect || !reasons.some((r) => r !== undefined)) return [];
  // Each statement ends with `;` on a line of its own, so a trailing comment cannot swallow it.
  const parts = up.map((s) => s.trim().replace(/[\s;]+$/, ""));
  const starts: number[] = [];
  let line = 1;
  for (const part of parts) {
    starts.push(line);
    line += part.split("\n").length + 1;
  }
  const findings = lintSections(
    [{ text: parts.map((p) => `${p}\n;`).join("\n"), file: "step.sql", startLine: 1, transactional }],
    { dialect, postgresVersion: context.postgresVersion, ...(context.schema ? { schema: context.schema } : {}) },
  );
  const out: Confirmation[] = [];
  for (const f of findings) {
    if (f.severity !== "error" || f.object === undefined || f.line === undefined) continue;
    const statement = starts.filter((s) => s <= f.line!).length - 1;
    const reason = reasons[statement];
    if (reason === undefined) continue;
    if (out.some((c) => c.statement === statement && c.rule === f.rule && c.object === f.object)) continue;
    out.push({ statement, rule: f.rule, object: f.object, reason });
  }
  return out;
}

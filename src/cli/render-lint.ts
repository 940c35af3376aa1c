import type { LintResult } from "../commands/lint.js";
import { renderLintPretty } from "../report/lint-pretty.js";
import { colorEnabled } from "../report/paint.js";
import { renderFindings, ruleMeta } from "./render-findings.js";

/** Lint output in the asked format; JSON is the contract of DESIGN.md §5. */
export async function renderLint(result: LintResult, format: string): Promise<string> {
  const { findings, verdict, sources } = result;
  if (format === "json") return `${JSON.stringify({ verdict, findings }, null, 2)}\n`;
  return (
    (await renderFindings(format, result, "Lockstep lint")) ??
    renderLintPretty(findings, { sources, verdict, ruleMeta, color: colorEnabled() })
  );
}

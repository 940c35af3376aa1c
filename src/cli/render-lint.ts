import type { LintResult } from "../lint/index.js";

/**
 * Lint output in the asked format. JSON is the contract of DESIGN.md §5; the richer renderers
 * (pretty with source and caret, SARIF, GitHub annotations, markdown) live in src/report/.
 */
export function renderLint(result: LintResult, format: string): string {
  if (format === "json") return `${JSON.stringify({ verdict: result.verdict, findings: result.findings }, null, 2)}\n`;
  const lines = result.findings.map(
    (f) =>
      `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule}: ${f.message}${f.fix ? `\n    fix: ${f.fix}` : ""}`,
  );
  return `${[...lines, `Verdict: ${result.verdict}`].join("\n")}\n`;
}

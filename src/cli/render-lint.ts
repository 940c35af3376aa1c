import type { LintResult } from "../lint/index.js";
import { renderGithub } from "../report/github.js";
import { renderLintPretty } from "../report/lint-pretty.js";
import { renderLintMarkdown } from "../report/markdown.js";
import { renderSarif } from "../report/sarif.js";
import { RULES } from "../rules/index.js";

/** Lint output in the asked format; JSON is the contract of DESIGN.md §5. */
export function renderLint(result: LintResult, format: string): string {
  const { findings, verdict, sources } = result;
  switch (format) {
    case "json":
      return `${JSON.stringify({ verdict, findings }, null, 2)}\n`;
    case "sarif":
      return `${renderSarif(findings, { rules: RULES.map((r) => r.meta), toolVersion: "0.1.0" })}\n`;
    case "github":
      return renderGithub(findings, { verdict });
    case "markdown":
      return renderLintMarkdown(findings, { sources, verdict });
    default:
      return renderLintPretty(findings, { sources, verdict });
  }
}

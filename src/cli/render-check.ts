import type { CheckResult } from "../check/index.js";
import { renderFindings } from "./render-findings.js";

/** Check output in the asked format; JSON drops only the source texts kept for renderers. */
export async function renderCheck(result: CheckResult, format: string): Promise<string> {
  const { sources: _s, ...contract } = result;
  if (format === "json") return `${JSON.stringify(contract, null, 2)}\n`;
  const { renderCheckMarkdown, renderCheckPretty } = await import("../report/check-report.js");
  // The review as a PR comment is check's own markdown; SARIF and annotations are its findings.
  if (format === "markdown") return renderCheckMarkdown(result);
  return (await renderFindings(format, result, "Lockstep check")) ?? renderCheckPretty(result);
}

import type { CheckResult } from "../check/result.js";
import type { Finding } from "../schema/finding.js";
import { renderFindings } from "./render-findings.js";

/** Check output in the asked format; JSON drops the source texts kept for renderers and the statement records. */
export async function renderCheck(result: CheckResult, format: string): Promise<string> {
  const { sources: _s, ...contract } = result;
  if (format === "json") {
    // The steps' statement records are the plan's own working, as in plan's JSON.
    const steps = contract.steps.map(({ statements: _records, ...step }) => step);
    return `${JSON.stringify({ ...contract, steps }, null, 2)}\n`;
  }
  const { renderCheckMarkdown, renderCheckPretty } = await import("../report/check-report.js");
  // The review as a PR comment is check's own markdown; SARIF and annotations are its findings.
  if (format === "markdown") return renderCheckMarkdown(result);
  // SARIF and annotations carry findings only: a notice on each migration checked says so, and why it.
  const checked = { ...result, findings: [...result.findings, ...checkedNotices(result)] };
  return (await renderFindings(format, checked, "Lockstep check")) ?? renderCheckPretty(result);
}

function checkedNotices(result: CheckResult): Finding[] {
  const rule = "migrations-checked";
  const why = result.selection.description;
  if (result.files.length === 0) return [{ rule, severity: "info", message: `no migration under test (${why})` }];
  return result.files.map((f) => ({
    rule,
    severity: "info",
    message: `${f.checks.join(", ")}: under test as ${why}`,
    file: f.file,
    line: 1,
  }));
}

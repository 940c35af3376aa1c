import { relative } from "node:path";
import type { PlanResult } from "../plan/result.js";
import { renderPlanPretty } from "../report/pretty-plan.js";
import { renderFindings } from "./render-findings.js";

/**
 * Plan output in the asked format. Every format carries the changes and the steps (SQL both ways,
 * locks, deployment order, rollback), as the pretty one does; JSON is the contract of DESIGN.md §5.
 */
export async function renderPlan(written: PlanResult, format: string, title: string): Promise<string> {
  // Files are named from the current folder in every format, as every path Lockstep prints.
  const result = { ...written, files: written.files.map((f) => relative(process.cwd(), f) || f) };
  const { diff: _d, from: _f, to: _t, sources: _s, ...contract } = result;
  switch (format) {
    case "json": {
      // The steps' statement records are the plan's own working, not its contract (DESIGN.md §5).
      const steps = contract.steps.map(({ statements: _records, ...step }) => step);
      return `${JSON.stringify({ ...contract, steps }, null, 2)}\n`;
    }
    case "markdown": {
      const { renderPlanMarkdown } = await import("../report/plan-report.js");
      return renderPlanMarkdown(result, "Lockstep plan");
    }
    case "github": {
      const [{ renderPlanGithub }, { githubAnnotation }] = await Promise.all([
        import("../report/plan-report.js"),
        import("../report/github.js"),
      ]);
      return renderPlanGithub(
        result,
        "Lockstep plan",
        result.findings.map((f) => githubAnnotation(f)),
      );
    }
    case "sarif": {
      const { planProperties } = await import("../report/plan-report.js");
      const findings = { verdict: result.verdict, findings: result.findings };
      return (await renderFindings(format, findings, "Lockstep plan", planProperties(result)))!;
    }
    default:
      return renderPlanPretty(result, title);
  }
}

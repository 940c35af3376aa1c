import type { CheckResult } from "../check/index.js";

/** Check output in the asked format; JSON drops only the source texts kept for renderers. */
export async function renderCheck(result: CheckResult, format: string): Promise<string> {
  const { sources: _s, ...contract } = result;
  switch (format) {
    case "json":
      return `${JSON.stringify(contract, null, 2)}\n`;
    case "sarif": {
      const [{ renderSarif }, { RULES }] = await Promise.all([
        import("../report/sarif.js"),
        import("../rules/index.js"),
      ]);
      return `${renderSarif(result.findings, { rules: RULES.map((r) => r.meta), toolVersion: "0.1.0" })}\n`;
    }
    case "github": {
      const { renderGithub } = await import("../report/github.js");
      return renderGithub(result.findings, { verdict: result.verdict });
    }
    default: {
      const { renderCheckMarkdown, renderCheckPretty } = await import("../report/check-report.js");
      return format === "markdown" ? renderCheckMarkdown(result) : renderCheckPretty(result);
    }
  }
}

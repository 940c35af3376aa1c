import type { Verdict } from "../schema/verdict.js";
import type { Finding } from "../schema/finding.js";

/** Every command's output formats (DESIGN.md §5): its own pretty and JSON, and the findings ones. */
export const FORMATS = ["pretty", "json", "markdown", "sarif", "github"] as const;

/**
 * A command's findings as SARIF, GitHub annotations or a markdown PR comment; undefined for
 * `pretty` and `json`, which each command renders its own way.
 */
export async function renderFindings(
  format: string,
  result: {
    readonly verdict: Verdict;
    readonly findings: readonly Finding[];
    readonly sources?: ReadonlyMap<string, string>;
  },
  title: string,
  /** SARIF only: what the run carries beside its findings (a plan's changes and steps). */
  properties?: Record<string, unknown>,
): Promise<string | undefined> {
  switch (format) {
    case "sarif": {
      const [{ renderSarif }, { RULES }, { repositoryRoot }] = await Promise.all([
        import("../report/sarif.js"),
        import("../rules/index.js"),
        import("../util/git.js"),
      ]);
      // Findings name files from the current folder; code scanning resolves uris from the repository root.
      const cwd = process.cwd();
      const root = repositoryRoot(cwd) ?? cwd;
      const options = {
        rules: RULES.map((r) => r.meta),
        toolVersion: "0.1.0",
        root,
        cwd,
        declareRoot: true,
        ...(properties ? { properties } : {}),
      };
      return `${renderSarif(result.findings, options)}\n`;
    }
    case "github": {
      const { renderGithub } = await import("../report/github.js");
      return renderGithub(result.findings, { verdict: result.verdict });
    }
    case "markdown": {
      const { renderLintMarkdown } = await import("../report/markdown.js");
      return renderLintMarkdown(result.findings, {
        verdict: result.verdict,
        title,
        ...(result.sources ? { sources: result.sources } : {}),
      });
    }
    default:
      return undefined;
  }
}

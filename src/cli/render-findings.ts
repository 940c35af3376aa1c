import type { Verdict } from "../schema/verdict.js";
import type { Finding } from "../schema/finding.js";
import type { RuleMeta } from "../lint/rule.js";
import { dialectOf } from "../commands/dialect-of.js";

/** Every command's output formats (DESIGN.md §5): its own pretty and JSON, and the findings ones. */
export const FORMATS = ["pretty", "json", "markdown", "sarif", "github"] as const;

/**
 * The rules the output names (SARIF's rule list, the `why:` of a finding, the configuration's
 * `rules`): the default dialect's, until a run names its dialect.
 */
export function ruleMetas(): RuleMeta[] {
  return dialectOf().rules.map((r) => r.meta);
}

/** A rule's meta by name, for the renderers' `why:`. */
export function ruleMeta(name: string): RuleMeta | undefined {
  return dialectOf().rules.find((r) => r.meta.name === name)?.meta;
}

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
      const [{ renderSarif }, { repositoryRoot }] = await Promise.all([
        import("../report/sarif.js"),
        import("../util/git.js"),
      ]);
      // Findings name files from the current folder; code scanning resolves uris from the repository root.
      const cwd = process.cwd();
      const root = repositoryRoot(cwd) ?? cwd;
      const options = {
        rules: ruleMetas(),
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
        ruleMeta,
        ...(result.sources ? { sources: result.sources } : {}),
      });
    }
    default:
      return undefined;
  }
}

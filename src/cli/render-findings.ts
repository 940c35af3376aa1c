import type { Verdict } from "../schema/verdict.js";
import type { Finding } from "../schema/finding.js";
import type { RuleMeta } from "../lint/rule.js";
import { dialectOf } from "../commands/dialect-of.js";
import { DIALECT_NAMES } from "../dialects/index.js";

/** Every command's output formats (DESIGN.md §5): its own pretty and JSON, and the findings ones. */
export const FORMATS = ["pretty", "json", "markdown", "sarif", "github"] as const;

/**
 * The rules the output names (SARIF's rule list, the `why:` of a finding): the default dialect's,
 * and those of another dialect that `findings` name (a SQLite run's).
 */
export function ruleMetas(findings: readonly Finding[] = []): RuleMeta[] {
  const metas = dialectOf().rules.map((r) => r.meta);
  const named = new Set(findings.map((f) => f.rule));
  for (const name of named) {
    const meta = metas.some((m) => m.name === name) ? undefined : ruleMeta(name);
    if (meta) metas.push(meta);
  }
  return metas;
}

/** Every rule name of every dialect: what the configuration's `rules` may name. */
export function allRuleNames(): string[] {
  return [...new Set(DIALECT_NAMES.flatMap((d) => dialectOf({ dialect: d }).rules.map((r) => r.meta.name)))];
}

/** A rule's meta by name (the default dialect's first), for the renderers' `why:`. */
export function ruleMeta(name: string): RuleMeta | undefined {
  for (const d of DIALECT_NAMES) {
    const meta = dialectOf({ dialect: d }).rules.find((r) => r.meta.name === name)?.meta;
    if (meta) return meta;
  }
  return undefined;
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
        rules: ruleMetas(result.findings),
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

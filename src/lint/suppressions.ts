import type { SqlStatement } from "../schema/statement.js";
import type { SqlSection } from "../frameworks/framework.js";
import type { Finding } from "../schema/finding.js";
import { commentMarkers } from "./comment-markers.js";

/**
 * In-file suppressions: `-- lockstep-ignore rule[, rule]: reason` silences those rules for the
 * next statement; `-- lockstep-ignore-file rule: reason` for the whole file. A suppression
 * without a reason is itself reported (`suppression-without-reason`): the next reader deserves one.
 */
const PATTERN = /--\s*lockstep-ignore(-file)?\s+([a-z0-9][a-z0-9-]*(?:\s*,\s*[a-z0-9][a-z0-9-]*)*)\s*(?::\s*(.*\S))?/;

export interface Suppressions {
  silences(rule: string, statementIndex: number): boolean;
  readonly findings: Finding[];
}

export function suppressionsOf(section: SqlSection, statements: readonly SqlStatement[]): Suppressions {
  const fileWide = new Set<string>();
  const perStatement = new Map<number, Set<string>>();
  const findings: Finding[] = [];
  for (const { match: m, line, column, statement } of commentMarkers(section, statements, PATTERN)) {
    const rules = m[2]!.split(",").map((r) => r.trim());
    if (!m[3])
      findings.push({
        rule: "suppression-without-reason",
        severity: "warning",
        message: `lockstep-ignore${m[1] ?? ""} ${rules.join(", ")} gives no reason: add one after a colon`,
        file: section.file,
        line,
        column,
      });
    if (m[1]) {
      for (const r of rules) fileWide.add(r);
      continue;
    }
    if (statement === undefined) continue;
    const set = perStatement.get(statement) ?? new Set<string>();
    for (const r of rules) set.add(r);
    perStatement.set(statement, set);
  }
  return {
    findings,
    silences: (rule, index) => fileWide.has(rule) || (perStatement.get(index)?.has(rule) ?? false),
  };
}

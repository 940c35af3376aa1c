import type { Finding, Severity } from "./finding.js";

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * The findings with each rule reported once per statement (file and line): `check` runs the
 * linter and the tracer over the same statements, and both can name the same hazard (a
 * `require-lock-timeout` read from the SQL and observed on the engine). The first report is kept,
 * with the highest severity any of them had; findings without a line are kept as they are.
 */
export function oncePerStatement(findings: readonly Finding[]): Finding[] {
  const kept: Finding[] = [];
  const at = new Map<string, number>();
  for (const f of findings) {
    if (!f.file || !f.line) {
      kept.push(f);
      continue;
    }
    const key = `${f.rule}\u0000${f.file}\u0000${f.line}`;
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, kept.length);
      kept.push(f);
    } else if (RANK[f.severity] > RANK[kept[i]!.severity]) kept[i] = { ...kept[i]!, severity: f.severity };
  }
  return kept;
}

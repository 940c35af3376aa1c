import type { Finding, Severity } from "../schema/finding.js";

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const keyOf = (f: Finding) => (f.file && f.line ? `${f.rule}\u0000${f.file}\u0000${f.line}` : undefined);

/**
 * Two passes' findings with each hazard reported once per statement: `check` lints the SQL and
 * traces it on the engine, and both can name the same rule on the same statement (a
 * `require-lock-timeout` read from the SQL and observed). A finding of `second` is left out when
 * `first` has the rule on the same file and line (those keep the higher severity of the two).
 * Findings within one pass are kept as they are: one statement can hold two foreign keys.
 */
export function oncePerStatement(first: readonly Finding[], second: readonly Finding[]): Finding[] {
  const worst = new Map<string, Severity>();
  for (const f of first) {
    const key = keyOf(f);
    if (key) worst.set(key, f.severity);
  }
  const extra: Finding[] = [];
  for (const f of second) {
    const key = keyOf(f);
    const seen = key && worst.get(key);
    if (!seen) extra.push(f);
    else if (RANK[f.severity] > RANK[seen]) worst.set(key, f.severity);
  }
  const raised = first.map((f) => {
    const key = keyOf(f);
    const severity = key ? worst.get(key)! : f.severity;
    return RANK[severity] > RANK[f.severity] ? { ...f, severity } : f;
  });
  return [...raised, ...extra];
}

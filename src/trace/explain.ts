import type { Finding } from "../schema/finding.js";
import type { Dialect } from "../dialects/dialect.js";
import type { TracedStatement } from "./section.js";

/**
 * Findings from what was observed: blocking locks on tables that existed before, taken with no
 * lock_timeout, and rewrites of such tables. Each names the lint rule that explains it where one
 * fired on the same statement.
 */
export function explain(
  statements: readonly TracedStatement[],
  existing: ReadonlySet<string>,
  lint: readonly Finding[],
  dialect: Dialect,
): Finding[] {
  const findings: Finding[] = [];
  for (const s of statements) {
    // Hazard rules only: an info finding (a missing index, a style) does not explain a lock or a rewrite.
    const here = lint.filter((f) => f.file === s.file && f.line === s.line && f.severity !== "info").map((f) => f.rule);
    const see = (rules: string[]) => (rules.length ? ` (lint: ${rules.join(", ")})` : "");
    const blocking = s.locks.filter((l) => dialect.isBlockingLock(l.mode) && existing.has(l.relation));
    if (blocking.length && s.lockTimeout === "0")
      findings.push({
        rule: "require-lock-timeout",
        severity: "warning",
        message: `held ${blocking.map((l) => `${l.mode.replace(/Lock$/, "")} on ${l.relation}`).join(", ")} with no lock_timeout: it queues behind running queries and blocks every query behind it${see(here.filter((r) => r !== "require-lock-timeout"))}`,
        fix: dialect.lockTimeoutFix,
        file: s.file,
        line: s.line,
        column: 1,
      });
    for (const t of s.rewrites.filter((r) => existing.has(r))) {
      const cause = here.find((r) => dialect.rewriteRules.includes(r));
      findings.push({
        rule: cause ?? "table-rewrite",
        severity: "warning",
        message: `rewrote ${t}: every row is copied while the statement holds its lock`,
        file: s.file,
        line: s.line,
        column: 1,
      });
    }
  }
  return findings;
}

import type { Finding } from "./finding.js";

/** What a run concludes, for CI to gate on (DESIGN.md §5). */
export type Verdict = "PASS" | "WARN" | "BLOCK";

/**
 * BLOCK: an error finding (unconfirmed breaking change, missing input, failed self-check).
 * WARN: a warning, or steps that need a code deploy between them. PASS otherwise.
 */
export function verdictOf(findings: readonly Finding[], needsCodeDeploy = false): Verdict {
  if (findings.some((f) => f.severity === "error")) return "BLOCK";
  if (needsCodeDeploy || findings.some((f) => f.severity === "warning")) return "WARN";
  return "PASS";
}

/** Exit code for a verdict: 1 for BLOCK (and WARN under `--fail-on warn`), else 0. */
export function exitCodeOf(verdict: Verdict, failOn: "block" | "warn" = "block"): number {
  if (verdict === "BLOCK") return 1;
  if (verdict === "WARN" && failOn === "warn") return 1;
  return 0;
}

/**
 * ANSI colour for the terminal renderers. The CLI turns it on for a run when stdout is a terminal,
 * `NO_COLOR` is unset or empty and `--no-color` is not given (src/cli/color.ts); everything else
 * (library calls, JSON, files, pipes) gets plain text.
 */
import type { Risk } from "../plan/model.js";
import type { Verdict } from "../schema/verdict.js";
import type { Severity } from "../schema/finding.js";

export interface Painter {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Severity, s: string): string;
  risk(risk: Risk, s: string): string;
  /** Any text in a verdict's colour (a migration's `ok` or `FAIL`). */
  tone(v: Verdict, s: string): string;
  verdict(v: Verdict): string;
}

const SEVERITY: Record<Severity, string> = { error: "31", warning: "33", info: "36" };
const RISK: Record<Risk, string> = { safe: "32", risky: "33", breaking: "31" };
const VERDICT: Record<Verdict, string> = { PASS: "32", WARN: "33", BLOCK: "31" };

const plain: Painter = {
  bold: (s) => s,
  dim: (s) => s,
  severity: (_, s) => s,
  risk: (_, s) => s,
  tone: (_, s) => s,
  verdict: (v) => v,
};

export function painter(color: boolean): Painter {
  if (!color) return plain;
  const wrap = (code: string, s: string) => (s ? `\x1b[${code}m${s}\x1b[0m` : s);
  return {
    bold: (s) => wrap("1", s),
    dim: (s) => wrap("2", s),
    severity: (sev, s) => wrap(SEVERITY[sev], s),
    risk: (risk, s) => wrap(RISK[risk], s),
    tone: (v, s) => wrap(VERDICT[v], s),
    verdict: (v) => wrap(`1;${VERDICT[v]}`, v),
  };
}

let enabled = false;

/** Set by the CLI for the length of one command. */
export function setColor(on: boolean): void {
  enabled = on;
}

/** Whether the command running now writes colour. */
export function colorEnabled(): boolean {
  return enabled;
}

/** The painter for the command running now: plain unless the CLI turned colour on. */
export function currentPainter(): Painter {
  return painter(enabled);
}

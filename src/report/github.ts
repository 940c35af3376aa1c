/**
 * Lint results as GitHub Actions workflow commands: each finding an annotation on the pull
 * request's diff (`::error file=…,line=…,col=…,title=…::message`), then the verdict as plain text.
 */
import type { Verdict } from "../schema/verdict.js";
import type { Finding, Severity } from "../schema/finding.js";
import { verdictOf } from "../schema/verdict.js";

export interface GithubOptions {
  /** The verdict of the last line; `verdictOf(findings)` when absent. */
  readonly verdict?: Verdict;
  /** Append the fix to the annotation's message (default true). */
  readonly includeFix?: boolean;
}

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** One workflow command a finding, then `Verdict: …`. */
export function renderGithub(findings: readonly Finding[], options: GithubOptions = {}): string {
  const lines = findings.map((f) => githubAnnotation(f, options.includeFix ?? true));
  lines.push(`Verdict: ${options.verdict ?? verdictOf(findings)}`);
  return `${lines.join("\n")}\n`;
}

/** `::error file=F,line=L,col=C,title=rule::message` (warning → `::warning`, info → `::notice`). */
export function githubAnnotation(f: Finding, includeFix = true): string {
  const props: string[] = [];
  if (f.file) props.push(`file=${escapeProperty(f.file.replace(/\\/g, "/"))}`);
  if (f.file && f.line) {
    props.push(`line=${f.line}`);
    if (f.column) props.push(`col=${f.column}`);
  }
  props.push(`title=${escapeProperty(f.rule)}`);
  const fix = includeFix ? f.fix?.trim() : undefined;
  const message = fix ? `${f.message}\nFix: ${fix}` : f.message;
  return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(message)}`;
}

/** A command's message: `%`, CR and LF as `%25`, `%0D`, `%0A` (as @actions/core escapes them). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A command's property value: as data, and `:` and `,` as `%3A` and `%2C`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

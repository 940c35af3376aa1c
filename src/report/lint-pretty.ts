/**
 * Lint results for a terminal, squawk-style: each finding's location, the source line with a caret
 * under the column, why the rule exists and the safe way, then counts and the verdict.
 */
import type { RuleMeta } from "../lint/rule.js";
import type { Verdict } from "../schema/verdict.js";
import type { Finding, Severity } from "../schema/finding.js";
import { painter } from "./paint.js";
import { verdictOf } from "../schema/verdict.js";

/** What the lint renderers (pretty, markdown) may be given besides the findings. */
export interface LintRenderOptions {
  /** The text of a finding's file, for the source line; undefined (or a throw) shows none. */
  readonly readSource?: (file: string) => string | undefined;
  /** The same as a map, file → text (used when `readSource` is absent). */
  readonly sources?: ReadonlyMap<string, string>;
  /** The verdict to print; `verdictOf(findings)` when absent. */
  readonly verdict?: Verdict;
  /** A rule's meta by name, for `why:` (the dialect's rules); no `why:` when absent. */
  readonly ruleMeta?: (name: string) => RuleMeta | undefined;
}

export interface LintPrettyOptions extends LintRenderOptions {
  /** ANSI colors (severity, caret, verdict). Off unless asked: the output is deterministic. */
  readonly color?: boolean;
}

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** `file:line:column: severity rule: message`, source line and caret, why, fix; then counts and verdict. */
export function renderLintPretty(findings: readonly Finding[], options: LintPrettyOptions = {}): string {
  const paint = painter(options.color ?? false);
  const source = sourceReader(options);
  const meta = options.ruleMeta ?? (() => undefined);
  const out: string[] = [];
  for (const f of findings) {
    const where = locationOf(f);
    out.push(
      `${paint.bold(where ? `${where}: ` : "")}${paint.severity(f.severity, f.severity)}${f.confirmed !== undefined ? " (confirmed)" : ""} ${paint.bold(f.rule)}: ${f.message.replace(/\r?\n/g, "\n  ")}`,
    );
    const snippet = f.file && f.line ? sourceSnippet(source(f.file), f.line, f.column) : undefined;
    if (snippet) {
      out.push(paint.dim(snippet.gutter.trimEnd()));
      out.push(`${paint.dim(snippet.numbered)}${snippet.text}`);
      if (snippet.caret !== undefined)
        out.push(`${paint.dim(snippet.gutter)}${paint.severity(f.severity, snippet.caret)}`);
    }
    const docs = meta(f.rule)?.docs;
    const why = docs ? docsSummary(docs) : "";
    if (why) out.push(`  why: ${why}`);
    // A confirmed finding was accepted as it is: the safe way is no longer the point.
    if (f.fix?.trim() && f.confirmed === undefined) out.push(`  fix: ${f.fix.trim().split(/\r?\n/).join("\n       ")}`);
    out.push("");
  }
  const verdict = options.verdict ?? verdictOf(findings);
  out.push(summaryLine(findings));
  out.push(`Verdict: ${paint.verdict(verdict)}`);
  return `${out.join("\n")}\n`;
}

/** `file:line:column`, `file:line`, `file`, or "" for a finding without a place. */
export function locationOf(f: Finding): string {
  if (!f.file) return "";
  if (!f.line) return f.file;
  return f.column ? `${f.file}:${f.line}:${f.column}` : `${f.file}:${f.line}`;
}

/** "3 findings: 1 error, 1 warning, 1 info", or "No findings.". */
export function summaryLine(findings: readonly Finding[]): string {
  if (!findings.length) return "No findings.";
  return `${plural(findings.length, "finding")}: ${countsBySeverity(findings)}`;
}

/**
 * "1 error, 2 warnings, 0 info": every severity, in order of weight; then "(1 confirmed)" when
 * `-- lockstep-confirm` markers accepted some (they count among the info).
 */
export function countsBySeverity(findings: readonly Finding[]): string {
  const counts = SEVERITIES.map((s) => {
    const n = findings.filter((f) => f.severity === s).length;
    return s === "info" ? `${n} info` : plural(n, s);
  }).join(", ");
  const confirmed = findings.filter((f) => f.confirmed !== undefined).length;
  return confirmed ? `${counts} (${confirmed} confirmed)` : counts;
}

/** The first sentence or two of a rule's docs, on one line. */
export function docsSummary(docs: string, sentences = 2): string {
  const flat = docs.replace(/\s+/g, " ").trim();
  // A sentence ends at . ! or ? followed by a space and a capital (or an opening quote/paren/backtick).
  const parts = flat.split(/(?<=[.!?])\s+(?=[A-Z("'`])/);
  return parts.slice(0, sentences).join(" ");
}

/** A reader of file texts from `readSource` or `sources`; a failing reader gives undefined. */
export function sourceReader(options: LintRenderOptions): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (cache.has(file)) return cache.get(file);
    let text: string | undefined;
    try {
      text = options.readSource ? options.readSource(file) : options.sources?.get(file);
    } catch {
      text = undefined;
    }
    cache.set(file, text);
    return text;
  };
}

interface Snippet {
  /** The empty gutter: `    | ` (as wide as the numbered one). */
  readonly gutter: string;
  /** The numbered gutter: ` 12 | `. */
  readonly numbered: string;
  readonly text: string;
  /** Spaces (tabs kept, so it lines up) then `^`; undefined without a column. */
  readonly caret?: string;
}

function sourceSnippet(text: string | undefined, line: number, column: number | undefined): Snippet | undefined {
  if (text === undefined) return undefined;
  const lines = text.split("\n");
  const raw = lines[line - 1];
  if (raw === undefined) return undefined;
  const src = raw.replace(/\r$/, "");
  const width = String(line).length;
  const gutter = `${" ".repeat(width + 2)}| `;
  const numbered = ` ${String(line)} | `;
  let caret: string | undefined;
  if (column && column >= 1) {
    const before = src.slice(0, Math.min(column - 1, src.length));
    caret = `${[...before].map((ch) => (ch === "\t" ? "\t" : " ")).join("")}^`;
  }
  return { gutter, numbered, text: src, caret };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
